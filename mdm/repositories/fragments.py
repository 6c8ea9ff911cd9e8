"""SQL fragments every repository shares, written once: a source record's current version,
a cross-reference that holds now, and the member columns survivorship reads.

``r`` is ``source_record``, ``s`` its ``source_system``, ``v`` its current
``source_record_version`` and ``x`` an ``xref`` row, unless a caller names other aliases."""

from __future__ import annotations

from collections.abc import Sequence


def current_version(r: str = "r", v: str = "v") -> str:
    """JOIN the current version ``v`` of the source record ``r``."""
    return f"JOIN source_record_version {v} ON {v}.source_record_id = {r}.id AND {v}.version_no = {r}.version_no"


def live(x: str = "x") -> str:
    """The condition that the cross-reference ``x`` holds now (it has not been closed)."""
    return f"{x}.valid_to IS NULL"


def live_xref(r: str = "r", x: str = "x", *, outer: bool = False) -> str:
    """JOIN (LEFT JOIN when ``outer``) the cross-reference ``x`` of source record ``r`` that
    holds now."""
    join = "LEFT JOIN" if outer else "JOIN"
    return f"{join} xref {x} ON {x}.source_record_id = {r}.id AND {live(x)}"


SYSTEM = "JOIN source_system s ON s.id = r.system_id"
RECORD = f"source_record r {SYSTEM} {current_version()}"  # a record, its system, its version

# A member as survivorship reads it: MemberVersion's fields, in order
MEMBER_COLUMNS = (
    "v.id, r.id, s.name, r.source_id, v.received_at, v.canonical, v.invalid, s.kind, s.trust"
)


def among(column: str, ids: str = "ids") -> str:
    """The condition that ``column`` is one of the ``bigint[]`` parameter ``:ids``, as a
    semi-join on its elements. ``column = ANY(:ids)`` outside an index condition compares each
    row with every element in turn, and an incremental run's neighbourhood after a large load
    holds a hundred thousand records."""
    return f"{column} IN (SELECT unnest(CAST(:{ids} AS bigint[])))"


def either_side_among(table: str, ids: str = "ids") -> str:
    """The condition that a pair of ``table`` (``match_link``, ``match_apart``: one row per
    ``left_record_id``, ``right_record_id``) has a record of the ``bigint[]`` parameter
    ``:ids`` on its left or on its right: the pairs found on each side by ``among`` (a
    semi-join on the list's elements, each on that side's index or by hashing the list), put
    together. ``left_record_id = ANY(:ids) OR right_record_id = ANY(:ids)`` compares every
    row of the table with the whole list."""
    pair = "left_record_id, right_record_id"
    sides = (
        f"SELECT {pair} FROM {table} WHERE {among(column, ids)}"
        for column in ("left_record_id", "right_record_id")
    )
    return f"({pair}) IN ({' UNION ALL '.join(sides)})"


def value_of(document: str, field: str) -> str:
    """The text of ``field`` in the JSON ``document`` (``g.attributes``, ``v.canonical``);
    ``field`` is a canonical field's name (declared by an entity, never a user's input)."""
    return f"{document}->>'{field}'"


def name_of(document: str, fields: Sequence[str]) -> str:
    """A name read from one field, or from several joined with spaces (NULL when all empty)."""
    if len(fields) == 1:
        return value_of(document, fields[0])
    parts = ", ".join(value_of(document, f) for f in fields)
    return f"NULLIF(concat_ws(' ', {parts}), '')"


def referenced(field: str, entity: str, *, r: str = "r", v: str = "v", x: str = "ref") -> str:
    """LEFT JOIN the record of ``entity`` that the version ``v`` of ``r`` names by its key in
    ``field`` (a key in ``r``'s own system: a canonical field), as ``{x}_r``, and that record's
    cross-reference that holds now, as ``x``: ``{x}.golden_id`` is the golden record the
    reference resolves to (NULL: not loaded, or not matched yet)."""
    named = f"{x}_r"
    return (
        f"LEFT JOIN source_record {named} ON {named}.system_id = {r}.system_id "
        f"AND {named}.entity = '{entity}' AND {named}.source_id = {value_of(f'{v}.canonical', field)} "
        f"{live_xref(named, x, outer=True)}"
    )
