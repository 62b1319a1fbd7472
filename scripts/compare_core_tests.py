"""Compare the results of Odoo's own test suites run without and with the medcrm add-ons.

Reads two Odoo logs of `--test-tags` runs and fails when a test that passed without medcrm
fails (or errors) with it, or when a run did not complete.

Usage: compare_core_tests.py BASELINE_LOG MEDCRM_LOG
"""

import re
import sys

# ... ERROR db odoo.addons.crm.tests.test_crm_lead: FAIL: TestCRMLead.test_name
FAILURE = re.compile(
    r" (?:ERROR|CRITICAL) \S+ (?P<logger>odoo\.addons\.\S+): (?:FAIL|ERROR): (?P<test>\S+)"
)
# odoo.tests.result's report: "0 failed, 0 error(s) of 176 tests ..."
REPORT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests")


def read_results(path):
    failures, tests_run = set(), None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if match := FAILURE.search(line):
                failures.add(f"{match['logger']}: {match['test']}")
            if match := REPORT.search(line):
                tests_run = int(match["run"])
    return failures, tests_run


def main(baseline_path, ours_path):
    base_failures, base_run = read_results(baseline_path)
    our_failures, our_run = read_results(ours_path)
    if base_run is None or our_run is None:
        print(f"core: a run did not complete (tests: without medcrm {base_run}, with {our_run})")
        return 1
    broken = sorted(our_failures - base_failures)
    print(f"core: without medcrm {base_run - len(base_failures)} of {base_run} tests pass")
    print(f"core: with medcrm    {our_run - len(our_failures)} of {our_run} tests pass")
    for test in broken:
        print(f"core: broken by medcrm: {test}")
    if our_run < base_run:
        print("core: fewer tests ran with medcrm than without: a suite did not load")
        return 1
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
