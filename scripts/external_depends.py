"""Print, comma-separated, the add-ons outside medcrm that the given medcrm add-ons depend on.

Usage: external_depends.py ROOT ADDON[,ADDON...]
"""

import ast
import sys
from pathlib import Path


def main(root, addons):
    ours = set(addons)
    external = set()
    for name in addons:
        manifest = ast.literal_eval((Path(root) / name / "__manifest__.py").read_text())
        external |= set(manifest.get("depends", [])) - ours
    print(",".join(sorted(external)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split(","))
