from . import test_suite
from . import test_demo_russian
