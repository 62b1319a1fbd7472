from . import test_fulfillment
from . import test_delivery
from . import test_relocation
from . import test_security
from . import test_recall
from . import test_tour
from . import test_notify
from . import test_bad_input
