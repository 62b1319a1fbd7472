"""All medcrm add-ons install together, and each uninstalls again cleanly, dependents first."""

import ast
import json
import re

ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.MULTILINE)


def uninstall_order(odoo_command):
    """Our add-ons ordered so that each comes before every add-on it depends on."""
    depends = {}
    for name in odoo_command.addons:
        manifest = ast.literal_eval((odoo_command.root / name / "__manifest__.py").read_text())
        depends[name] = set(manifest.get("depends", [])) & set(odoo_command.addons)
    order = []
    while len(order) < len(depends):
        leaves = sorted(
            name
            for name in depends
            if name not in order
            and not any(name in depends[other] for other in depends if other not in order)
        )
        assert leaves, f"dependency cycle among {sorted(set(depends) - set(order))}"
        order.extend(leaves)
    return order


def test_all_addons_install_then_uninstall_one_by_one_leaving_core_crm_working(
    odoo_command, scratch_database
):
    # Without demo data: demo deliveries leave stock moves on demo products, and Odoo then logs
    # an SQL error for each demo record it cannot delete at uninstall (and keeps it), as it does
    # for its own add-ons. The install with demo data is checked by the test command itself.
    install = odoo_command.odoo_bin(
        "-d", scratch_database, "-i", ",".join(odoo_command.addons), "--without-demo=all",
        "--stop-after-init", "--no-http", "--log-level=warn",
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-4000:]
    assert not ERROR_LINE.search(install.stderr), install.stderr[-4000:]

    order = uninstall_order(odoo_command)
    assert order[-1] == "medcrm_deals", "medcrm_deals is the base of the others: uninstalled last"
    result = odoo_command.run_script(scratch_database, "uninstall_each.py", *order)
    assert result.returncode == 0, result.stderr[-4000:]
    assert not ERROR_LINE.search(result.stderr), result.stderr[-4000:]

    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [report["module"] for report in reports] == order
    for report in reports:
        assert report["state"] == "uninstalled", report
        assert report["tables_left"] == [], report
        assert report["columns_left"] == [], report
        assert report["xml_ids_left"] == 0, report
        assert report["core_crm_works"], report
