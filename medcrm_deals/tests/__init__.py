from . import test_deal_kind
