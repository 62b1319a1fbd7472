from . import test_generation
from . import test_occurrence
from . import test_contract
from . import test_security
from . import test_compliance_statement
from . import test_performance
from . import test_tour
from . import test_translation
