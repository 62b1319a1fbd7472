"""Fail when an Odoo log has a WARNING, ERROR or CRITICAL line that concerns a medcrm add-on.

A line concerns us when its logger or its message names medcrm (Odoo names the module, model,
view or file at fault). The line and the traceback that follows it are printed.

Usage: check_log.py LOGFILE
"""

import re
import sys

# 2026-11-27 03:40:00,123 4242 WARNING dbname odoo.modules.loading: message
RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): "
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}


def offending_records(lines):
    """Yield each bad record concerning medcrm as a list of lines (its continuation included)."""
    record = None
    for line in lines:
        if RECORD.match(line):
            if record:
                yield record
            record = None
            match = RECORD.match(line)
            # Not the whole line: the database's name (medcrm_test_...) is in every line.
            concerns_us = "medcrm" in match["logger"] or "medcrm" in line[match.end() :]
            if match["level"] in BAD_LEVELS and concerns_us:
                record = [line]
        elif record is not None:
            record.append(line)
    if record:
        yield record


def main(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        records = list(offending_records(log))
    for record in records:
        sys.stderr.write("".join(record[:30]))
    if records:
        sys.stderr.write(f"[medcrm] {len(records)} warning/error record(s) from medcrm in {path}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
