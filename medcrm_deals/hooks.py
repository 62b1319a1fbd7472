def post_init_hook(env):
    """Put what exists before the install into the default kind: every stage joins its stage set
    (in the stages' own order) and every lead gets the kind, so Odoo's pipeline keeps working."""
    # the kinds were loaded before the CRM > Deals menu: give each its pipeline menu now
    env["medcrm.deal.kind"].with_context(active_test=False).search([])._medcrm_sync_menus()
    kind = env.ref("medcrm_deals.medcrm_deal_kind_general", raise_if_not_found=False)
    if not kind:
        return
    Line = env["medcrm.deal.kind.stage"]
    stages = env["crm.stage"].with_context(active_test=False).search([])
    without_kind = stages.filtered(lambda stage: not stage.deal_kind_line_ids)
    Line.create(
        [
            {"kind_id": kind.id, "stage_id": stage.id, "sequence": stage.sequence}
            for stage in without_kind
        ]
    )
    env.cr.execute(
        "UPDATE crm_lead SET deal_kind_id = %s WHERE deal_kind_id IS NULL",
        (kind.id,),
    )
    env["crm.lead"].invalidate_model(["deal_kind_id"])


def uninstall_hook(env):
    """Remove the kinds' pipeline menus and actions: created at run time, they have no XML id
    that the uninstall would clean up, and would otherwise point at a model that is gone."""
    kinds = env["medcrm.deal.kind"].with_context(active_test=False).search([])
    kinds._medcrm_remove_menus(kinds.menu_id, kinds.action_id)
