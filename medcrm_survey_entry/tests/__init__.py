from . import test_double_entry
from . import test_entry_access
from . import test_entry_concurrency
from . import test_entry_participant
from . import test_entry_performance
from . import test_entry_submit
from . import test_entry_tour
from . import test_entry_validation
