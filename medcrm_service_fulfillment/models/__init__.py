from . import medcrm_contract_serial_mixin
from . import medcrm_contract_term
from . import medcrm_contract_occurrence
from . import stock_lot
from . import medcrm_fulfillment_unit
