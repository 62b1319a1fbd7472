from . import medcrm_notify_rule_preview
