from . import test_suite
from . import test_story_tour
from . import test_click_everywhere
from . import test_layout
from . import test_russian
from . import test_readme_walk
from . import test_persona_entry_points
