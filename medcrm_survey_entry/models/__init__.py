from . import medcrm_survey_entry
from . import medcrm_survey_entry_line
from . import survey_survey
from . import res_partner
from . import crm_lead
from . import survey_question_answer
from . import medcrm_deal_participant
