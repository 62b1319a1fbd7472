"""Compare the results of Odoo's own test suites run without and with the medcrm add-ons.

Reads Odoo logs of `--test-tags` runs and fails when a test that passed without medcrm fails (or
errors) with it, or when a run did not complete.

Some of Odoo's browser tours are load-sensitive (a survey session tour once timed out on a busy
machine). core_tests.sh therefore re-runs the tests that failed, once, on the same database, and
passes the re-run's log: a test counts as failing only when it fails in both runs.

Usage:
  compare_core_tests.py BASELINE_LOG MEDCRM_LOG [BASELINE_RERUN_LOG MEDCRM_RERUN_LOG]
  compare_core_tests.py --rerun-tags LOG    print the --test-tags that re-run LOG's failures
"""

import os
import re
import sys

# ... ERROR db odoo.addons.crm.tests.test_crm_lead: FAIL: TestCRMLead.test_name
# ... ERROR db odoo.addons.crm.tests.test_x: ERROR: setUpClass (odoo.addons...test_x.TestX)
FAILURE = re.compile(
    r" (?:ERROR|CRITICAL) \S+ (?P<logger>odoo\.addons\.\S+): (?:FAIL|ERROR): (?P<test>\S+)"
    r"(?: \((?P<where>[\w.]+)\))?"
)
# odoo.tests.result's report: "0 failed, 0 error(s) of 176 tests ..."
REPORT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests")
METHOD = re.compile(r"^(?P<klass>\w+)\.(?P<method>\w+)$")


def read_results(path):
    """Return ({"logger: test": re-run tag or None}, number of tests run or None)."""
    failures, tests_run = {}, None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if match := FAILURE.search(line):
                where = f" ({match['where']})" if match["where"] else ""
                failures[f"{match['logger']}: {match['test']}{where}"] = rerun_tag(match)
            if match := REPORT.search(line):
                # The last report counts: Odoo logs one after the at-install and post-install runs.
                tests_run = int(match["run"])
    return failures, tests_run


def rerun_tag(match):
    """The --test-tags spec that runs the failed test again, or None when it cannot be named."""
    path = match["logger"].removeprefix("odoo.addons.").replace(".", "/") + ".py"
    if method := METHOD.match(match["test"]):
        return f"/{path}:{method['klass']}.{method['method']}"
    if match["where"] and match["test"] in ("setUpClass", "tearDownClass"):
        return f"/{path}:{match['where'].rsplit('.', 1)[-1]}"
    return None


def confirmed(first, rerun_path):
    """Failures of the first run that failed again in the re-run (all of them without one)."""
    if not first or not rerun_path or not os.path.exists(rerun_path):
        return set(first), set()
    again, rerun_count = read_results(rerun_path)
    if rerun_count is None:  # the re-run did not complete: trust the first run
        return set(first), set()
    kept = {test for test in first if test in again or first[test] is None}
    return kept, set(first) - kept


def main(argv):
    if argv[0] == "--rerun-tags":
        failures, _run = read_results(argv[1])
        print(",".join(sorted({tag for tag in failures.values() if tag})))
        return 0
    base_first, base_run = read_results(argv[0])
    our_first, our_run = read_results(argv[1])
    if base_run is None or our_run is None:
        print(f"core: a run did not complete (tests: without medcrm {base_run}, with {our_run})")
        return 1
    reruns = argv[2:4] if len(argv) >= 4 else [None, None]
    base_failures, base_flaky = confirmed(base_first, reruns[0])
    our_failures, our_flaky = confirmed(our_first, reruns[1])
    print(f"core: without medcrm {base_run - len(base_failures)} of {base_run} tests pass")
    print(f"core: with medcrm    {our_run - len(our_failures)} of {our_run} tests pass")
    for side, flaky in (("without", base_flaky), ("with", our_flaky)):
        for test in sorted(flaky):
            print(f"core: {side} medcrm, failed, then passed on re-run (counts as passed): {test}")
    broken = sorted(our_failures - base_failures)
    twice = " (failed twice)" if reruns[1] and os.path.exists(reruns[1]) else ""
    for test in broken:
        print(f"core: broken by medcrm{twice}: {test}")
    if our_run < base_run:
        print("core: fewer tests ran with medcrm than without: a suite did not load")
        return 1
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
