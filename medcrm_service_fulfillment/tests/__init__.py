from . import test_serial_link
