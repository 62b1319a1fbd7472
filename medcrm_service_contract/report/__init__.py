from . import medcrm_compliance_statement_xlsx
