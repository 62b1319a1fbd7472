from . import medcrm_deal_stage_time_report
from . import medcrm_abstract_xlsx
from . import medcrm_pipeline_xlsx
