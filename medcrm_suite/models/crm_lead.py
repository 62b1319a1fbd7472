from odoo import api, models

from ..demo.story_ru import STORY_RU


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _medcrm_suite_demo_localize(self, texts=None):
        """Tell the demo story in Russian (called by the suite's demo data, at install and at
        each update of the suite).

        ``texts`` maps XML ids to ``{field: Russian text}`` (default: the story's, STORY_RU).
        Nothing happens unless Russian is installed. Translatable fields (stage, kind and
        product names) get the text as their Russian translation: Russian users see it,
        others keep the English. The other fields (names of deals, hospitals, people, tasks,
        calls) hold one text for everybody: they take the Russian one when the database works
        in Russian, i.e. its administrator's language is Russian. Records that are gone (deleted
        by a user) are skipped. Returns the XML ids of the records changed.
        """
        if not self.env["res.lang"]._lang_get("ru_RU"):
            return []
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        is_russian_database = bool(admin) and admin.lang == "ru_RU"
        changed = []
        for xmlid, values in (STORY_RU if texts is None else texts).items():
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if not record:
                continue
            record = record.with_context(tracking_disable=True)
            translated = {f: v for f, v in values.items() if record._fields[f].translate}
            single = {f: v for f, v in values.items() if not record._fields[f].translate}
            if translated:
                record.with_context(lang="ru_RU").write(translated)
            if single and is_russian_database:
                record.write(single)
            if translated or (single and is_russian_database):
                changed.append(xmlid)
        return changed
