from . import medcrm_notify_event
from . import medcrm_notify_rule
from . import medcrm_notify_log
from . import res_partner
from . import crm_lead
from . import calendar_event
from . import mail_activity
