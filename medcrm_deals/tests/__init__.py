from . import test_deal_kind
from . import test_channel
from . import test_deal_card
from . import test_pause
from . import test_gates
from . import test_security
from . import test_reports
from . import test_performance
