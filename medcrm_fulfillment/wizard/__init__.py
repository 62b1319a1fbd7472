from . import medcrm_fulfillment_relocate
from . import medcrm_recall_lookup
from . import medcrm_recall_lookup_line
