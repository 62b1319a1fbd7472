from . import test_events
