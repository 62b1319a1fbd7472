from . import medcrm_deal_stage_time_report
