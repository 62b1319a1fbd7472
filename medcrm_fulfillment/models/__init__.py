from . import res_partner
from . import medcrm_fulfillment
from . import medcrm_fulfillment_unit
from . import medcrm_fulfillment_unit_location
from . import crm_lead
from . import sale_order
from . import stock_picking
from . import stock_lot
