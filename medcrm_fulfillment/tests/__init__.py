from . import test_fulfillment
from . import test_delivery
