from . import medcrm_recall_xlsx
