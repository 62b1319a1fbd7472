"""The demo story in Russian: the Russian text of each demo record, by XML id.

Read by ``crm.lead._medcrm_suite_demo_localize`` (called by the suite's demo data). Fields that
Odoo translates (stage, kind, product and campaign names) receive these texts as their Russian
translation; the others (the names of deals, hospitals, people, tasks and calls) are single
texts, as a company that works in Russian types them, and are replaced when the database's
language is Russian.
"""

STORY_RU = {
    # medcrm_deals: the stages and kinds of both pipelines
    "medcrm_deals.crm_stage_equipment_qualification": {"name": "Квалификация"},
    "medcrm_deals.crm_stage_equipment_needs": {"name": "Выявление потребностей"},
    "medcrm_deals.crm_stage_equipment_proposal": {"name": "Техническое предложение"},
    "medcrm_deals.crm_stage_equipment_offer": {"name": "Коммерческое предложение"},
    "medcrm_deals.crm_stage_equipment_tender": {"name": "Тендер / переговоры"},
    "medcrm_deals.crm_stage_equipment_won": {"name": "Договор подписан"},
    "medcrm_deals.crm_stage_service_request": {"name": "Сервисная заявка"},
    "medcrm_deals.crm_stage_service_inspection": {"name": "Выезд на объект"},
    "medcrm_deals.crm_stage_service_quotation": {"name": "Сервисное предложение"},
    "medcrm_deals.crm_stage_service_won": {"name": "Сервисный договор подписан"},
    "medcrm_deals.medcrm_deal_kind_equipment": {
        "name": "Продажа оборудования",
        "description": "Поставка диагностического оборудования больницам, напрямую или через "
        "дистрибьюторов.",
    },
    "medcrm_deals.medcrm_deal_kind_service": {
        "name": "Сервисный договор",
        "description": "Договоры на техническое обслуживание и ремонт установленного оборудования.",
    },
    # medcrm_deals: hospitals, distributors and their people
    "medcrm_deals.res_partner_hospital_city7": {
        "name": "Городская клиническая больница № 7",
        "city": "Москва",
    },
    "medcrm_deals.res_partner_hospital_oncology": {
        "name": "Республиканский онкологический диспансер",
        "city": "Казань",
    },
    "medcrm_deals.res_partner_hospital_children": {
        "name": "Областная детская клиническая больница",
        "city": "Новосибирск",
    },
    "medcrm_deals.res_partner_distributor_medtech": {
        "name": "ООО «МедТехСервис»",
        "city": "Екатеринбург",
    },
    "medcrm_deals.res_partner_distributor_sibmed": {"name": "СибМедСнаб", "city": "Новосибирск"},
    "medcrm_deals.res_partner_city7_chief": {
        "name": "Смирнова Елена Викторовна",
        "function": "Главный врач",
    },
    "medcrm_deals.res_partner_city7_engineer": {
        "name": "Орлов Павел Сергеевич",
        "function": "Инженер по медицинской технике",
    },
    "medcrm_deals.res_partner_city7_procurement": {
        "name": "Волкова Ирина Андреевна",
        "function": "Начальник отдела закупок",
    },
    "medcrm_deals.res_partner_oncology_head": {
        "name": "Хайруллин Рустам Ильдарович",
        "function": "Заведующий отделением лучевой диагностики",
    },
    "medcrm_deals.res_partner_children_engineer": {
        "name": "Кузнецов Сергей Николаевич",
        "function": "Главный инженер",
    },
    # medcrm_deals: products
    "medcrm_deals.product_product_mri": {"name": "МР-томограф 1,5 Тл"},
    "medcrm_deals.product_product_ct": {"name": "Компьютерный томограф, 128 срезов"},
    "medcrm_deals.product_product_ultrasound": {"name": "УЗИ-система экспертного класса"},
    "medcrm_deals.product_product_service_standard": {"name": "Сервисный пакет «Стандарт» (1 год)"},
    "medcrm_deals.product_product_service_premium": {
        "name": "Сервисный пакет «Премиум» (3 года, с запчастями)"
    },
    # medcrm_deals: deals, tasks and calls
    "medcrm_deals.crm_lead_mri_city7": {"name": "МРТ 1,5 Тл для ГКБ № 7"},
    "medcrm_deals.crm_lead_ct_oncology": {"name": "КТ для онкологического диспансера"},
    "medcrm_deals.crm_lead_ultrasound_children": {"name": "Три УЗИ-системы для детской больницы"},
    "medcrm_deals.crm_lead_mri_oncology_paused": {
        "name": "Второй МР-томограф для онкологического диспансера"
    },
    "medcrm_deals.crm_lead_service_city7": {"name": "Договор на обслуживание МРТ, ГКБ № 7"},
    "medcrm_deals.crm_lead_service_children": {"name": "Сервис УЗИ-систем, детская больница"},
    "medcrm_deals.medcrm_task_demo_assigned": {
        "name": "Подготовить техническое задание для тендера",
        "description": "<p>За основу взять конфигурацию на 128 срезов, которую просил "
        "заведующий отделением лучевой диагностики.</p>",
    },
    "medcrm_deals.medcrm_task_demo_accepted": {"name": "Проверить план помещения под КТ"},
    "medcrm_deals.medcrm_task_demo_done": {
        "name": "Отправить обновлённое коммерческое предложение"
    },
    "medcrm_deals.medcrm_task_demo_closed": {"name": "Собрать реквизиты больницы"},
    "medcrm_deals.medcrm_task_demo_cancelled": {
        "name": "Забронировать демонстрацию в шоуруме дистрибьютора"
    },
    "medcrm_deals.medcrm_task_demo_service_assigned": {
        "name": "Оценить запчасти для ежегодного обслуживания"
    },
    "medcrm_deals.medcrm_interaction_demo_call_done": {
        "name": "Первый звонок заведующему лучевой диагностикой",
        "result": "Отделение заменит 16-срезовый КТ в следующем году; заявка на бюджет подана.",
        "next_step": "Приехать в отделение с клиническим специалистом.",
    },
    "medcrm_deals.medcrm_interaction_demo_visit_done": {
        "name": "Выезд: отделение лучевой диагностики",
        "result": "Помещение обмерено; нужно усилить электропитание.",
        "next_step": "Демонстрация программного обеспечения рабочей станции.",
    },
    "medcrm_deals.medcrm_interaction_demo_demonstration": {
        "name": "Демонстрация ПО рабочей станции КТ"
    },
    "medcrm_deals.medcrm_interaction_demo_call_overdue": {
        "name": "Позвонить инженеру по истории обслуживания МРТ"
    },
    # medcrm_fulfillment: the deliveries through the distributor
    "medcrm_fulfillment.demo_product_mri": {"name": "МР-томограф MR-1500 (1,5 Тл)"},
    "medcrm_fulfillment.demo_product_ct": {"name": "Компьютерный томограф CT-64"},
    "medcrm_fulfillment.demo_product_ultrasound": {"name": "УЗИ-система US-700"},
    "medcrm_fulfillment.demo_partner_distributor": {
        "name": "ООО «МедТех Дистрибуция»",
        "city": "Москва",
        "street": "Профсоюзная ул., 65",
    },
    "medcrm_fulfillment.demo_partner_hospital_7": {
        "name": "Городская клиническая больница № 7 (Казань)",
        "city": "Казань",
        "street": "ул. Чуйкова, 54",
    },
    "medcrm_fulfillment.demo_partner_hospital_7_radiology": {
        "name": "Рентгенологическое отделение",
        "city": "Казань",
        "street": "ул. Чуйкова, 54, корпус 2",
    },
    "medcrm_fulfillment.demo_partner_hospital_7_cardiology": {
        "name": "Кардиологическое отделение",
        "city": "Казань",
        "street": "ул. Чуйкова, 54, корпус 5",
    },
    "medcrm_fulfillment.demo_partner_hospital_7_engineer": {
        "name": "Галиев Рустам Маратович",
        "function": "Главный инженер по медицинской технике",
    },
    "medcrm_fulfillment.demo_partner_oncology": {
        "name": "Областной онкологический диспансер",
        "city": "Самара",
        "street": "ул. Солнечная, 50",
    },
    "medcrm_fulfillment.demo_partner_oncology_diagnostics": {
        "name": "Диагностическое отделение",
        "city": "Самара",
        "street": "ул. Солнечная, 50, корпус 3",
    },
    "medcrm_fulfillment.demo_partner_oncology_head": {
        "name": "Смирнова Елена Павловна",
        "function": "Заведующая диагностическим отделением",
    },
    "medcrm_fulfillment.demo_lead_hospital_7": {"name": "МРТ и КТ для ГКБ № 7 (через МедТех)"},
    "medcrm_fulfillment.demo_lead_oncology": {
        "name": "УЗИ-системы для онкологического диспансера (через МедТех)"
    },
    # medcrm_service_contract: maintenance contracts and their terms
    "medcrm_service_contract.partner_hospital_city15": {
        "name": "Городская клиническая больница № 15",
        "city": "Москва",
    },
    "medcrm_service_contract.partner_cardio_centre": {
        "name": "Республиканский кардиологический центр",
        "city": "Казань",
    },
    "medcrm_service_contract.product_mri": {"name": "МР-томограф Magnus 1,5 Тл"},
    "medcrm_service_contract.product_ct": {"name": "Компьютерный томограф Tomo 64"},
    "medcrm_service_contract.lead_contract_city15": {
        "name": "Договор на обслуживание: МРТ, ГКБ № 15"
    },
    "medcrm_service_contract.lead_contract_cardio": {
        "name": "Договор на обслуживание: КТ, кардиологический центр"
    },
    "medcrm_service_contract.term_city15_maintenance": {
        "name": "Ежемесячное плановое ТО МР-томографа"
    },
    "medcrm_service_contract.term_city15_calibration": {
        "name": "Ежегодная метрологическая поверка МР-томографа"
    },
    "medcrm_service_contract.term_city15_response": {
        "name": "Инженер на объекте в течение 48 часов после заявки о поломке"
    },
    "medcrm_service_contract.term_cardio_maintenance": {
        "name": "Ежеквартальное плановое ТО компьютерного томографа"
    },
    "medcrm_service_contract.term_cardio_software": {"name": "Обновление ПО консоли КТ"},
    # medcrm_survey_entry: the satisfaction questionnaire and the hospitals that answered it
    "medcrm_survey_entry.demo_survey_satisfaction": {"title": "Удовлетворённость больниц сервисом"},
    "medcrm_survey_entry.demo_q_service_quality": {
        "title": "Как вы оцениваете качество нашего технического обслуживания?"
    },
    "medcrm_survey_entry.demo_q_service_quality_a1": {"value": "Отлично"},
    "medcrm_survey_entry.demo_q_service_quality_a2": {"value": "Хорошо"},
    "medcrm_survey_entry.demo_q_service_quality_a3": {"value": "Удовлетворительно"},
    "medcrm_survey_entry.demo_q_service_quality_a4": {"value": "Плохо"},
    "medcrm_survey_entry.demo_q_response_time": {
        "title": "Через сколько часов после звонка приехал инженер?"
    },
    "medcrm_survey_entry.demo_q_uptime": {
        "title": "Время бесперебойной работы оборудования за последний год (%)"
    },
    "medcrm_survey_entry.demo_q_equipment": {"title": "Какими нашими системами вы пользуетесь?"},
    "medcrm_survey_entry.demo_q_equipment_a1": {"value": "МР-томограф"},
    "medcrm_survey_entry.demo_q_equipment_a2": {"value": "Компьютерный томограф"},
    "medcrm_survey_entry.demo_q_equipment_a3": {"value": "УЗИ-система"},
    "medcrm_survey_entry.demo_q_last_visit": {"title": "Дата последнего сервисного визита"},
    "medcrm_survey_entry.demo_q_recommend": {
        "title": "Насколько вероятно, что вы порекомендуете нас другой больнице?"
    },
    "medcrm_survey_entry.demo_q_comments": {"title": "Ваши замечания и предложения"},
    "medcrm_survey_entry.demo_partner_hospital_1": {
        "name": "Республиканская клиническая больница № 1",
        "city": "Казань",
    },
    "medcrm_survey_entry.demo_partner_hospital_1_head": {
        "name": "Соколова Ирина Олеговна",
        "function": "Заведующая рентгенологическим отделением",
    },
    "medcrm_survey_entry.demo_partner_hospital_2": {
        "name": "Городская детская больница",
        "city": "Самара",
    },
    "medcrm_survey_entry.demo_partner_hospital_3": {
        "name": "Кардиологический центр «Пульс»",
        "city": "Екатеринбург",
    },
    "medcrm_survey_entry.demo_lead_service_1": {"name": "Договор на обслуживание МРТ 2026"},
    # medcrm_suite: the story
    "medcrm_suite.crm_lead_story_referral": {
        "name": "УЗИ для детской больницы, рекомендация СибМедСнаба",
        "description": "Инженер СибМедСнаба узнал, что отделению неонатологии до зимы нужна "
        "портативная УЗИ-система.",
    },
    "medcrm_suite.crm_lead_story_ct_needs": {
        "name": "КТ на 128 срезов для второй площадки ГКБ № 7"
    },
    "medcrm_suite.crm_lead_story_offer": {"name": "Обновление парка УЗИ, ГКБ № 7"},
    "medcrm_suite.crm_lead_story_tender": {
        "name": "КТ для областной детской больницы (госзакупка)"
    },
    "medcrm_suite.crm_lead_story_won": {
        "name": "МРТ 1,5 Тл для онкологического диспансера через МедТехСервис"
    },
    "medcrm_suite.crm_lead_story_lost": {
        "name": "УЗИ для частного диагностического центра (проиграно по цене)"
    },
    "medcrm_suite.crm_lead_story_service_request": {
        "name": "Поломка КТ в онкологическом диспансере: заявка на ремонт"
    },
    "medcrm_suite.crm_lead_story_service_inspection": {
        "name": "Ежегодная проверка трёх УЗИ-систем, детская больница"
    },
    "medcrm_suite.crm_lead_story_service_won": {
        "name": "Договор на обслуживание МРТ, онкологический диспансер"
    },
    "medcrm_suite.crm_lead_story_service_paused": {"name": "Расширенная гарантия на КТ, ГКБ № 7"},
    "medcrm_suite.medcrm_interaction_story_referral_call": {
        "name": "Позвонить в отделение неонатологии по рекомендации"
    },
    "medcrm_suite.medcrm_interaction_story_offer_visit": {
        "name": "Презентация предложения главному врачу",
        "result": "Согласованы четыре системы; закупки просят поставку двумя партиями.",
        "next_step": "Разделить предложение на две поставки.",
    },
    "medcrm_suite.medcrm_interaction_story_tender_call": {
        "name": "Уточнить технические требования тендера"
    },
    "medcrm_suite.medcrm_task_story_site_survey": {
        "name": "Обследовать помещение под КТ: электропитание и нагрузка на пол"
    },
    "medcrm_suite.medcrm_task_story_tender_docs": {
        "name": "Собрать регистрационные удостоверения для тендера"
    },
    "medcrm_suite.medcrm_task_story_repair_parts": {
        "name": "Заказать рентгеновскую трубку для ремонта КТ"
    },
}
