"""Recall lookup at scale: delivered serials as Odoo's stock keeps them, and the lookup timed.

Usage, alone (on a database with medcrm_fulfillment installed, see bench/README.md):
    recall.py CONFIG DATABASE SERIALS

or from bench.py (``generate_serials`` and ``bench_recall`` there call the functions below).

The data are what Odoo's ``stock.lot.report`` ("Customer lots") and our installed base read:
20 serial-tracked products, each serial delivered by a done outgoing picking (a done
stock.move and one stock.move.line per serial carrying the lot) to a hospital's department or
to a distributor, the lot's quant at the customers' location, and our installed unit with its
location history at the end customer (one unit in ten relocated once; one in sixty delivered
through a distributor without a declared end customer yet). One delivery per product is made
through the ORM (real validated pickings, so our units are made by our own code); the bulk is
cloned from those rows by batched SQL, five serials per picking.

Measured for the product with the most serials, best of 3, each after the ORM cache is emptied:
(a) our lookup query (the location search returning its rows), (b) the same question asked of
stock.lot.report (search_read of that product, as the "Customer lots" list does), (c) a
hand-written indexed SQL query returning the same rows; then the whole wizard action (result
lines with addresses and contacts) for that product and for a range of 100 serials.
"""

import sys
import time
from contextlib import closing
from datetime import date

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry

from bench import clone, log, measure

SERIALS_PER_PICKING = 5
PRODUCTS = [
    ("MRI 1.5T Magnetom", "MR15"),
    ("MRI 3T Vida", "MR30"),
    ("CT 64-slice", "CT64"),
    ("CT 128-slice", "CT128"),
    ("Ultrasound Acuson S2000", "US20"),
    ("Ultrasound Logiq E10", "US10"),
    ("Portable ultrasound Vscan", "USP"),
    ("X-ray DR system", "XR"),
    ("Mobile C-arm", "CARM"),
    ("Mammography system", "MG"),
    ("Angiography system", "ANG"),
    ("PET/CT scanner", "PET"),
    ("SPECT gamma camera", "SPC"),
    ("Patient monitor", "PM"),
    ("Anaesthesia workstation", "ANW"),
    ("ICU ventilator", "VEN"),
    ("Infusion pump", "INF"),
    ("Defibrillator", "DEF"),
    ("Endoscopy tower", "END"),
    ("Dental CBCT", "CBCT"),
]
HOSPITALS = 300
DISTRIBUTORS = 10


# ----------------------------------------------------------------------
# data
# ----------------------------------------------------------------------


def generate_serials(env, count, today=None, lead_ids=()):
    """``count`` delivered serials over 20 products (so one product has count / 20), with
    their pickings, moves, move lines, quants, installed units and locations; the units are
    spread over the deals ``lead_ids`` when given."""
    started = time.perf_counter()
    today = today or fields.Date.context_today(env["res.users"])
    partner_model = env["res.partner"]
    hospitals = partner_model.create(
        [
            {"name": f"Recall Hospital {n}", "is_company": True, "city": f"City {n % 40}",
             "street": f"Clinic street {n}", "zip": f"{420000 + n}"}
            for n in range(HOSPITALS)
        ]
    )  # fmt: skip
    departments = partner_model.create(
        [
            {"name": "Radiology", "parent_id": hospital.id, "type": "delivery",
             "street": f"Clinic street {n}, building 2", "city": hospital.city}
            for n, hospital in enumerate(hospitals)
        ]
    )  # fmt: skip
    partner_model.create(
        [
            {"name": f"Chief Engineer {n}", "parent_id": hospital.id, "type": "contact",
             "function": "Chief engineer", "email": f"engineer{n}@hospital.example",
             "phone": f"+7 843 555 {n:04d}"}
            for n, hospital in enumerate(hospitals)
        ]
    )  # fmt: skip
    distributors = partner_model.create(
        [
            {"name": f"Recall Distributor {n}", "is_company": True, "is_distributor": True}
            for n in range(DISTRIBUTORS)
        ]
    )
    products = env["product.product"].create(
        [
            {"name": name, "default_code": code, "is_storable": True, "tracking": "serial"}
            for name, code in PRODUCTS
        ]
    )
    # One real delivery per product, validated through the ORM.
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    stock_location = warehouse.lot_stock_id
    customers = env.ref("stock.stock_location_customers")
    lots = env["stock.lot"].create(
        [
            {"name": f"{code}-S{n:05d}", "product_id": product.id}
            for n, (product, (_name, code)) in enumerate(zip(products, PRODUCTS, strict=True))
        ]
    )
    for lot in lots:
        env["stock.quant"]._update_available_quantity(lot.product_id, stock_location, 1, lot_id=lot)
    pickings = env["stock.picking"].create(
        [
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": (distributors[n % DISTRIBUTORS] if n % 3 == 0 else departments[n]).id,
                "end_partner_id": hospitals[n].id,
                "end_address_id": departments[n].id,
                "location_id": stock_location.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": lot.product_id.name,
                            "product_id": lot.product_id.id,
                            "product_uom_qty": 1,
                            "product_uom": lot.product_id.uom_id.id,
                            "location_id": stock_location.id,
                            "location_dest_id": customers.id,
                        }
                    )
                ],
            }
            for n, lot in enumerate(lots)
        ]
    )
    pickings.action_confirm()
    pickings.action_assign()
    pickings.move_ids.picked = True
    pickings.button_validate()
    env.flush_all()
    units = env["medcrm.fulfillment.unit"].search([("lot_id", "in", lots.ids)])
    assert len(units) == len(lots), "the sample deliveries must make installed units"
    cloned = count - len(lots)
    if cloned > 0:
        _clone_deliveries(
            env, cloned, today, pickings, lots, units, products, hospitals, departments,
            distributors, list(lead_ids),
        )  # fmt: skip
    env.cr.execute("ANALYZE")
    seconds = time.perf_counter() - started
    log(f"generated {count} delivered serials in {seconds:.0f} s")
    return seconds


def _clone_deliveries(
    env, count, today, pickings, lots, units, products, hospitals, departments, distributors,
    lead_ids,
):  # fmt: skip
    """Clone ``count`` serials: ``count / 5`` pickings of one product each (p = g - 1 is the
    picking's index), one move each, then per serial (its picking is (g - 1) / 5) a move line,
    a lot, a quant, an installed unit and its location(s)."""
    per = SERIALS_PER_PICKING
    n_products, n_hosp, n_dist = len(products), len(hospitals), len(distributors)
    count_pickings = -(-count // per)
    codes = [code for _name, code in PRODUCTS]
    arrays = {
        "products": products.ids,
        "codes": codes,
        "hospitals": hospitals.ids,
        "departments": departments.ids,
        "distributors": distributors.ids,
        "leads": lead_ids,
    }
    # Expressions over {p}, the picking's index from 0 (pickings: g - 1; serials: (g - 1) / 5).
    pick = {
        "product": f"(%(products)s::int[])[1 + {{p}} % {n_products}]",
        "hospital": f"(%(hospitals)s::int[])[1 + ({{p}} * 7) % {n_hosp}]",
        "department": f"(%(departments)s::int[])[1 + ({{p}} * 7) % {n_hosp}]",
        # a third of each product's deliveries go through a distributor, and one in sixty of
        # them has no declared end customer yet
        "distributor": (
            f"CASE WHEN ({{p}} / {n_products}) % 3 = 0 "
            f"THEN (%(distributors)s::int[])[1 + {{p}} % {n_dist}] END"
        ),
        "declared": f"(({{p}} / {n_products}) % 60 <> 0)",
        "done": f"(TIMESTAMP '{today} 09:00' - (1 + {{p}} % 2000) * interval '1 day')",
        # unique whatever ran before: the first sample's id in every name
        "name": f"'WH/OUT/R{pickings[0].id}-' || lpad(({{p}})::text, 7, '0')",
    }

    def at(expr, index):
        """``expr`` with the picking's named values ({product}...) for the picking ``index``."""
        for key, value in pick.items():
            expr = expr.replace("{" + key + "}", f"({value})")
        return expr.replace("{p}", f"({index})")

    picking_index, serial_picking = "g - 1", f"(g - 1) / {per}"
    picking_ids = clone(
        env,
        "stock_picking",
        pickings.ids,
        count_pickings,
        {
            "name": at("{name}", picking_index),
            "origin": "NULL",
            "partner_id": at(
                "CASE WHEN {distributor} IS NOT NULL THEN {distributor} ELSE {department} END",
                picking_index,
            ),
            "end_partner_id": at("CASE WHEN {declared} THEN {hospital} END", picking_index),
            "end_address_id": at("CASE WHEN {declared} THEN {department} END", picking_index),
            "date_done": at("{done}", picking_index),
            "date": at("{done}", picking_index),
            "scheduled_date": at("{done}", picking_index),
            "backorder_id": "NULL",
            "group_id": "NULL",
        },
        arrays,
    )
    move_ids = clone(
        env,
        "stock_move",
        pickings.move_ids.ids,
        count_pickings,
        {
            "picking_id": "(%(pickings)s::int[])[g]",
            "product_id": at("{product}", picking_index),
            "name": "'Delivered serials'",
            "reference": at("{name}", picking_index),
            "product_uom_qty": str(per),
            "product_qty": str(per),
            "quantity": str(per),
            "date": at("{done}", picking_index),
            "partner_id": "NULL",
            "group_id": "NULL",
        },
        {**arrays, "pickings": picking_ids},
    )
    # Serial names per product: CODE-000001, in the order of that product's deliveries.
    local = f"(({serial_picking}) / {n_products}) * {per} + (g - 1) % {per}"
    serial = at(
        f"(%(codes)s::text[])[1 + {{p}} % {n_products}] || '-' || lpad(({local})::text, 6, '0')",
        serial_picking,
    )
    lot_ids = clone(
        env,
        "stock_lot",
        lots.ids,
        count,
        {
            "name": serial,
            "product_id": at("{product}", serial_picking),
            "create_date": at("{done}", serial_picking),
        },
        arrays,
    )
    params = {**arrays, "pickings": picking_ids, "moves": move_ids, "lots": lot_ids}
    line_ids = clone(
        env,
        "stock_move_line",
        pickings.move_line_ids.ids,
        count,
        {
            "picking_id": f"(%(pickings)s::int[])[1 + {serial_picking}]",
            "move_id": f"(%(moves)s::int[])[1 + {serial_picking}]",
            "product_id": at("{product}", serial_picking),
            "lot_id": "(%(lots)s::int[])[g]",
            "lot_name": "NULL",
            "reference": at("{name}", serial_picking),
            "quantity": "1",
            "quantity_product_uom": "1",
            "date": at("{done}", serial_picking),
        },
        params,
    )
    customer_quants = env["stock.quant"].search(
        [("lot_id", "in", lots.ids), ("location_id.usage", "=", "customer")]
    )
    clone(
        env,
        "stock_quant",
        customer_quants.ids,
        count,
        {
            "product_id": at("{product}", serial_picking),
            "lot_id": "(%(lots)s::int[])[g]",
            "quantity": "1",
            "reserved_quantity": "0",
            "in_date": at("{done}", serial_picking),
        },
        params,
    )
    # Installed units; one in ten was moved to another hospital's department half-way.
    declared = at("{declared}", serial_picking)
    moved = f"(g % 10 = 0 AND {declared})"
    delivered = at("{done}", serial_picking) + "::date"
    moved_on = f"({delivered} + (DATE '{today}' - {delivered}) / 2)"
    other = f"(%(departments)s::int[])[1 + ({serial_picking} * 7 + 1) % {n_hosp}]"
    other_hospital = f"(%(hospitals)s::int[])[1 + ({serial_picking} * 7 + 1) % {n_hosp}]"
    end_partner = at(
        f"CASE WHEN NOT {declared} THEN NULL WHEN {moved} THEN {other_hospital} "
        "ELSE {hospital} END",
        serial_picking,
    )
    end_address = at(
        f"CASE WHEN NOT {declared} THEN NULL WHEN {moved} THEN {other} ELSE {{department}} END",
        serial_picking,
    )
    params["move_lines"] = line_ids
    unit_ids = clone(
        env,
        "medcrm_fulfillment_unit",
        units.ids,
        count,
        {
            "name": serial,
            "lot_id": "(%(lots)s::int[])[g]",
            "product_id": at("{product}", serial_picking),
            "picking_id": f"(%(pickings)s::int[])[1 + {serial_picking}]",
            "move_line_id": "(%(move_lines)s::int[])[g]",
            "date_delivered": delivered,
            "distributor_id": at("{distributor}", serial_picking),
            "end_partner_id": end_partner,
            "end_address_id": end_address,
            "lead_id": f"(%(leads)s::int[])[1 + g % {len(lead_ids)}]" if lead_ids else "NULL",
            "fulfillment_id": "NULL",
            "sale_order_id": "NULL",
            "user_id": "NULL",
            "state": "'active'",
        },
        params,
    )
    params["units"] = unit_ids
    location = {
        "unit_id": "(%(units)s::int[])[g]",
        "lot_id": "(%(lots)s::int[])[g]",
        "product_id": at("{product}", serial_picking),
        "serial": serial,
        "date_delivered": delivered,
        "distributor_id": at("{distributor}", serial_picking),
        "picking_id": f"(%(pickings)s::int[])[1 + {serial_picking}]",
        "user_id": "NULL",
        "date_to": "NULL",
    }
    sample_location = units.location_ids.ids[:1]
    clone(
        env,
        "medcrm_fulfillment_unit_location",
        sample_location,
        count,
        {
            **location,
            "date_from": f"CASE WHEN {moved} THEN {moved_on} ELSE {delivered} END",
            "end_partner_id": end_partner,
            "end_address_id": end_address,
            "picking_id": f"CASE WHEN {moved} THEN NULL ELSE {location['picking_id']} END",
            "reason": f"CASE WHEN {moved} THEN 'Moved to another hospital' ELSE 'Delivery' END",
        },
        params,
    )
    # The first location of the moved units, closed on the day they moved.
    env.cr.execute(
        """
        INSERT INTO medcrm_fulfillment_unit_location
               (unit_id, lot_id, product_id, company_id, serial, date_delivered, distributor_id,
                picking_id, date_from, date_to, end_partner_id, end_address_id, reason,
                create_uid, write_uid, create_date, write_date)
        SELECT u.id, u.lot_id, u.product_id, u.company_id, u.name, u.date_delivered,
               u.distributor_id, u.picking_id, u.date_delivered, l.date_from,
               p.end_partner_id, p.end_address_id, 'Delivery',
               u.create_uid, u.write_uid, u.create_date, u.write_date
          FROM medcrm_fulfillment_unit u
          JOIN medcrm_fulfillment_unit_location l ON l.unit_id = u.id
          JOIN stock_picking p ON p.id = u.picking_id
         WHERE u.id = ANY(%s) AND l.reason = 'Moved to another hospital'
        """,
        [unit_ids],
    )


# ----------------------------------------------------------------------
# benchmarks
# ----------------------------------------------------------------------


def best_of_3(env, run):
    """Best (fastest) of three runs of ``run(result)`` after a warm-up run, each measured
    from an empty record cache and rolled back (the wizard writes its result lines). Unlike
    bench.py's ``rolled_back``, the registry's caches (access rules...) stay warm, as on a
    server that has answered a request already: the lookup is timed, not a first request."""
    runs = []
    for _run in range(4):
        result = {}
        with closing(env.cr.savepoint()), measure(env, result):
            run(result)
        env.invalidate_all()
        runs.append(result)
    return min(runs[1:], key=lambda r: r["seconds"])


def bench_recall(env, today=None):
    """Where are all serials of the product with the most serials, as of today: ours vs
    stock.lot.report vs hand-written SQL; then the whole wizard, for it and for 100 serials."""
    today = today or fields.Date.context_today(env["res.users"])
    # A recall is run by a sales manager or a warehouse user: record rules apply.
    user = env.ref("base.user_admin")
    uenv = env(user=user, su=False, context=dict(env.context, tz="UTC"))
    env.cr.execute(
        "SELECT product_id, count(*) FROM medcrm_fulfillment_unit_location "
        "GROUP BY product_id ORDER BY 2 DESC, 1 LIMIT 1"
    )
    product_id, _count = env.cr.fetchone()
    product = uenv["product.product"].browse(product_id)
    Location = uenv["medcrm.fulfillment.unit.location"]
    results = {"product": product.display_name}

    def ours(result):
        result["rows"] = len(Location._medcrm_locate(today, product))

    def stock(result):
        # the "Customer lots" list's columns, for every row of that product
        rows = uenv["stock.lot.report"].search_read(
            [("product_id", "=", product.id)],
            ["lot_id", "product_id", "partner_id", "picking_id", "quantity", "uom_id",
             "delivery_date", "address", "has_return"],
        )  # fmt: skip
        result["rows"] = len(rows)

    def stock_page(result):
        # what the list shows first: its first 80 rows and the count
        report = uenv["stock.lot.report"]
        rows = report.web_search_read(
            [("product_id", "=", product.id)],
            {"lot_id": {"fields": {"display_name": {}}}, "partner_id": {"fields": {}},
             "delivery_date": {}, "address": {}, "has_return": {}},
            limit=80,
        )  # fmt: skip
        result["rows"] = len(rows["records"])

    def sql(result):
        env.cr.execute(SQL_PRODUCT, {"product": product.id, "date": today,
                                     "companies": uenv.companies.ids})  # fmt: skip
        result["rows"] = len(env.cr.fetchall())

    def wizard_product(result):
        wizard = uenv["medcrm.recall.lookup"].create({"product_id": product.id, "date": today})
        wizard.action_lookup()
        result["rows"] = len(wizard.line_ids)
        result["gaps"] = wizard.gap_count

    serials = Location.search_fetch(
        [("product_id", "=", product.id), ("date_to", "=", False)], ["serial"], order="serial"
    ).mapped("serial")
    middle = len(serials) // 2
    serial_range = f"{serials[middle]}..{serials[min(middle + 99, len(serials) - 1)]}"

    def wizard_range(result):
        wizard = uenv["medcrm.recall.lookup"].create({"serials": serial_range, "date": today})
        wizard.action_lookup()
        result["rows"] = len(wizard.line_ids)

    for name, run in (
        ("ours", ours),
        ("stock", stock),
        ("stock_page", stock_page),
        ("sql", sql),
        ("wizard", wizard_product),
        ("range", wizard_range),
    ):
        log(f"recall: {name}")
        results[name] = best_of_3(uenv, run)
    results["range_text"] = serial_range
    results["plan"] = explain(Location, today, product)
    return results


SQL_PRODUCT = """
    SELECT id, serial, product_id, unit_id, date_delivered, end_partner_id, end_address_id,
           distributor_id
      FROM medcrm_fulfillment_unit_location
     WHERE product_id = %(product)s
       AND date_from <= %(date)s AND (date_to IS NULL OR date_to > %(date)s)
       AND company_id = ANY(%(companies)s)
"""


def explain(Location, today, product):
    """EXPLAIN ANALYZE of our lookup query as the ORM builds it (record rules included)."""
    from odoo.addons.medcrm_fulfillment.models.medcrm_fulfillment_unit_location import (
        LOCATE_FIELDS,
    )

    domain = Location._medcrm_domain_at(today) + [("product_id", "=", product.id)]
    query = Location._search(domain, order=Location._order)
    sql = query.select(*(f'"{Location._table}"."{name}"' for name in ["id", *LOCATE_FIELDS]))
    Location.env.cr.execute(odoo.tools.SQL("EXPLAIN ANALYZE %s", sql))
    return [row[0] for row in Location.env.cr.fetchall()]


def table_rows(size, recall):
    """Rows of the recall figures for the benchmark table of BENCHMARKS.md (benchmark | ours
    | stock Odoo | ratio stock / ours)."""
    ours, stock, page, sql = recall["ours"], recall["stock"], recall["stock_page"], recall["sql"]
    wizard, ranged = recall["wizard"], recall["range"]

    def cell(result, digits=4):
        return f"{result['seconds']:.{digits}f} s, {result['queries']} q"

    return [
        f"| recall: where are the {ours['rows']:,} serials of one product of {size:,} "
        f"(our location search) | {cell(ours)} | {cell(stock)} (stock.lot.report "
        f"search_read, {stock['rows']:,} rows) | {ratio(stock, ours)} |",
        f"| same, vs the first page of Customer lots (80 rows) | {cell(ours)} "
        f"| {cell(page)} | {ratio(page, ours)} |",
        f"| same, vs a hand-written indexed SQL query (same rows) | {cell(ours)} "
        f"| {cell(sql)} (raw SQL) | ours / SQL {ratio(ours, sql)} |",
        f"| recall wizard, whole action for that product ({wizard['rows']:,} lines with "
        f"addresses and contacts, {wizard['gaps']} gaps) | {cell(wizard, 3)} | - | - |",
        f"| recall wizard, a range of 100 serials ({recall['range_text']}) "
        f"| {cell(ranged, 3)} | - | - |",
    ]


def report(size, seconds, recall):
    """A Markdown section: the figures and the plan of our query."""
    made = f"; generated in {seconds:.0f} s" if seconds else ""
    lines = [
        f"### recall lookup, {size:,} delivered serials ({date.today()})",
        "",
        f"20 serial-tracked products{made}; product {recall['product']}, as of today.",
        "",
        "| benchmark | ours | stock Odoo | ratio (stock / ours) |",
        "| --- | --- | --- | --- |",
        *table_rows(size, recall),
        "",
        "Plan of our query: "
        + "; ".join(line.strip(" ->") for line in recall["plan"] if "Scan" in line),
    ]
    return "\n".join(lines) + "\n"


def ratio(slow, fast):
    return f"{slow['seconds'] / fast['seconds']:.1f}x" if fast["seconds"] else "-"


def main():
    config, database, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        made = env["medcrm.fulfillment.unit.location"].search_count([])
        seconds = 0
        if made < size:
            seconds = generate_serials(env, size)
            cr.commit()
        else:
            log(f"{made} locations made earlier: measuring them")
        recall = bench_recall(env)
        cr.rollback()
    print(report(size, seconds, recall))
    print(
        f"Load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}; "
        f"{date.today()}."
    )


if __name__ == "__main__":
    main()
