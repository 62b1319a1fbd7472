from . import test_events
from . import test_recipients
from . import test_rule
from . import test_delivery
from . import test_smtp
