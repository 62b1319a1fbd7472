"""Arguments of public methods, checked as they arrive over RPC.

Integrators call ``action_*`` methods with whatever their language sends: a user's name where
an id is expected, "next week" for a date, a number or a dict for a reason, a 100 kB string.
Each public method that takes arguments passes them through these helpers first: the caller
gets a ``UserError`` that names the argument (its label, and its name in the method's
signature) and what is expected, and nothing is written. Values that are already right (a
record, a ``date``, a string) pass unchanged, so the forms and wizards call the same code.
"""

import contextlib
import datetime

from odoo import fields, models
from odoo.exceptions import MissingError, UserError, ValidationError

#: How much of a wrong value an error message repeats (a 100 kB string is not echoed back).
SHOWN_CHARS = 40


def _shown(value):
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}…"


def field_label(model, name):
    """The label of a field, in the user's language: the name an argument goes by on screen."""
    return model._fields[name]._description_string(model.env)


def to_record(env, model, value, argument, label):
    """One record of ``model`` (or an empty recordset for False/None) from a record, an id or
    a one-id list."""
    if isinstance(value, models.BaseModel):
        if value._name == model and len(value) <= 1:
            return value
    else:
        if isinstance(value, list | tuple) and len(value) == 1:
            value = value[0]
        if value is False or value is None:
            return env[model]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            record = env[model].browse(value).exists()
            if record:
                return record
    raise UserError(
        env._(
            "%(label)s (“%(argument)s”): expected the id of an existing %(model)s, got %(value)s.",
            label=label,
            argument=argument,
            model=env["ir.model"]._get(model).name,
            value=_shown(value),
        )
    )


def to_date(env, value, argument, label):
    """A ``date`` (or False for False/None) from a date or an ISO string such as 2026-12-31."""
    if value is False or value is None:
        return False
    if isinstance(value, datetime.date):
        return value.date() if isinstance(value, datetime.datetime) else value
    if isinstance(value, str) and len(value) <= SHOWN_CHARS:
        with contextlib.suppress(ValueError):  # refused below, with the argument's name
            return fields.Date.to_date(value)
    raise UserError(
        env._(
            "%(label)s (“%(argument)s”): expected a date such as 2026-12-31, got %(value)s.",
            label=label,
            argument=argument,
            value=_shown(value),
        )
    )


def to_text(env, value, argument, label, max_length=10000):
    """A stripped string ("" for False/None), at most ``max_length`` characters."""
    if value is False or value is None:
        return ""
    if not isinstance(value, str):
        raise UserError(
            env._(
                "%(label)s (“%(argument)s”): expected text, got %(value)s.",
                label=label,
                argument=argument,
                value=_shown(value),
            )
        )
    if len(value) > max_length:
        raise UserError(
            env._(
                "%(label)s (“%(argument)s”): at most %(limit)s characters, got %(length)s.",
                label=label,
                argument=argument,
                limit=max_length,
                length=len(value),
            )
        )
    return value.strip()


def to_names(env, value, argument):
    """A list of names (field names, for instance) from a list of strings."""
    if isinstance(value, list | tuple) and all(isinstance(name, str) for name in value):
        return list(value)
    raise UserError(
        env._(
            "“%(argument)s”: expected a list of field names, got %(value)s.",
            argument=argument,
            value=_shown(value),
        )
    )


def existing(records):
    """``records``, refused with Odoo's own "does not exist" error when any of them is gone
    (an action called over RPC on ids that were never there)."""
    missing = records - records.exists()
    if missing:
        raise MissingError(
            records.env._(
                "Record does not exist or has been deleted: %(model)s %(ids)s.",
                model=records._description,
                ids=_shown(missing.ids),
            )
        )
    return records


def check_lengths(model, vals, limits):
    """Refuse, before anything reaches the database, text values longer than ``limits``
    ({field name: characters}): PostgreSQL cannot index a very long code, and a name that long
    is a mistake."""
    for name, limit in limits.items():
        value = vals.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise ValidationError(
                model.env._(
                    "%(field)s: at most %(limit)s characters (this one has %(length)s). "
                    "Shorten it.",
                    field=field_label(model, name),
                    limit=limit,
                    length=len(value),
                )
            )


#: What PostgreSQL's integer columns hold (ids included).
MAX_INT = 2**31 - 1


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _valid(env, field, value):
    """Whether ``value`` is of a type ``field`` can store: what the ORM would otherwise turn
    into a TypeError, a ValueError or a PostgreSQL error."""
    kind = field.type
    if value is False or value is None or isinstance(value, models.BaseModel):
        return True
    if kind == "many2one":
        return _is_int(value) and 0 < value <= MAX_INT
    if kind in ("one2many", "many2many"):
        return isinstance(value, list | tuple) and all(
            (_is_int(item) and 0 < item <= MAX_INT)
            or (isinstance(item, list | tuple) and item and _is_int(item[0]))
            for item in value
        )
    if kind in ("date", "datetime"):
        if isinstance(value, datetime.date):
            return True
        try:
            return isinstance(value, str) and bool(
                fields.Date.to_date(value) if kind == "date" else fields.Datetime.to_datetime(value)
            )
        except ValueError:
            return False
    if kind in ("integer", "float", "monetary"):
        # what Odoo converts itself: numbers, and numbers written as text (imports)
        try:
            number = float(value) if isinstance(value, int | float | str) else None
        except ValueError:
            return False
        if kind == "integer":
            return number is not None and number.is_integer() and abs(number) <= MAX_INT
        return number is not None
    if kind == "selection":
        return isinstance(value, str) and value in field.get_values(env)
    if kind in ("char", "text", "html"):
        # a list, a dict or a number sent for a text is the caller's mistake, not a text
        return isinstance(value, str)
    return True


def check_vals(model, vals):
    """Refuse, naming the field, values of the wrong type for the fields medcrm adds to
    ``model`` (create and write over RPC get whatever the caller sends)."""
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or not (field._module or "").startswith("medcrm_"):
            continue
        if _valid(model.env, field, value):
            continue
        raise ValidationError(
            model.env._(
                "%(label)s (“%(argument)s”): %(value)s is not a valid value. "
                "Expected: %(expected)s.",
                label=field_label(model, name),
                argument=name,
                value=_shown(value),
                expected=_expected(model.env, field),
            )
        )


def _expected(env, field):
    kind = field.type
    if kind == "many2one":
        return env._("the id of a record")
    if kind in ("one2many", "many2many"):
        return env._("a list of record ids or of commands")
    if kind == "date":
        return env._("a date such as 2026-12-31")
    if kind == "datetime":
        return env._("a date and time such as 2026-12-31 09:30:00")
    if kind == "integer":
        return env._("a whole number")
    if kind == "selection":
        return ", ".join(field.get_values(env))
    if kind in ("char", "text", "html"):
        return env._("a text")
    return env._("a number")
