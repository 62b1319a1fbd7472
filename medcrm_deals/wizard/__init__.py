from . import medcrm_deal_pause_wizard
from . import medcrm_deal_stage_move_wizard
from . import medcrm_pipeline_export_wizard
from . import medcrm_task_transition_wizard
