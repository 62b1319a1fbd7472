from . import test_serial_link
from . import test_tour
from . import test_translation
