from . import medcrm_deal_kind
from . import medcrm_contract_term_type
from . import medcrm_contract_term_date
from . import medcrm_contract_term
from . import medcrm_contract_occurrence
from . import crm_lead
from . import res_partner
from . import medcrm_notify_event
