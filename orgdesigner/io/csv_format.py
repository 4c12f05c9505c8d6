"""Reading what HR systems export: encodings, delimiters, header names and cell values.

The pieces the CSV importer is made of, each small and testable: guess the encoding
(UTF-8 with or without BOM, UTF-16 with BOM as Excel's "Unicode Text" writes it, else
cp1252 / latin-1), guess the delimiter, map header names to fields through synonyms,
parse numbers written the European or the English way, and neutralise spreadsheet
formulas on the way out (and undo that on the way back in).
"""

from __future__ import annotations

import codecs
import csv
import enum
import re
from collections import Counter
from itertools import islice

from pydantic import BaseModel, ConfigDict

__all__ = [
    "FIELDS",
    "ColumnMapping",
    "ManagerRef",
    "decode_text",
    "detect_delimiter",
    "detect_mapping",
    "escape_cell",
    "holder_name",
    "normalise_header",
    "parse_bool",
    "parse_number",
    "unescape_cell",
]


class ManagerRef(enum.Enum):
    """How the manager column names the manager."""

    AUTO = "auto"  # an id when one matches, else a unique name
    ID = "id"
    NAME = "name"


class ColumnMapping(BaseModel):
    """Which column of the file holds which field (the header text as it is in the file).

    ``None`` means "detect from the header"; ``""`` means "do not import this field even
    if a column looks like it". Every field is optional: without an id column ids are
    generated and managers are matched by name; with only first/last name columns the
    name is joined from them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    manager: str | None = None
    unit: str | None = None
    fte: str | None = None
    cost: str | None = None
    email: str | None = None
    phone: str | None = None
    customer_facing: str | None = None
    kind: str | None = None
    dotted_managers: str | None = None
    tags: str | None = None
    notes: str | None = None
    manager_by: ManagerRef = ManagerRef.AUTO

    def columns(self) -> dict[str, str]:
        """field → column for the fields that are mapped to a column."""
        return {f: c for f in FIELDS if (c := getattr(self, f))}

    def over(self, detected: ColumnMapping) -> ColumnMapping:
        """This mapping's explicit choices, the ``detected`` one for the rest (except
        that a column chosen explicitly for one field is not also read as another)."""
        chosen = set(self.columns().values())
        update = {f: "" if getattr(detected, f) in chosen else getattr(detected, f)
                  for f in FIELDS if getattr(self, f) is None}
        return self.model_copy(update=update)


FIELDS: tuple[str, ...] = tuple(f for f in ColumnMapping.model_fields if f != "manager_by")

#: Header names (normalised: lower case, words separated by single spaces) per field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "employee id", "employee number", "employee no", "emp id",
           "emp no", "worker id", "person id", "personnel number", "personnel no",
           "staff id", "staff number", "position id", "user id", "badge id"),
    "name": ("name", "full name", "worker", "employee name", "holder", "person",
             "display name", "employee", "legal name", "preferred name", "worker name",
             "staff name"),
    "first_name": ("first name", "given name", "forename", "firstname"),
    "last_name": ("last name", "surname", "family name", "lastname"),
    "title": ("title", "job title", "business title", "position title", "position",
              "job", "role", "job name", "job profile", "designation"),
    "manager": ("manager id", "reports to", "supervisor", "supervisor id", "manager",
                "line manager", "manager employee id", "reports to id", "manager name",
                "supervisor name", "reports to name", "boss", "parent", "parent id",
                "manager worker id", "line manager id", "direct manager"),
    "unit": ("department", "unit", "supervisory organization", "supervisory organisation",
             "dept", "org unit", "organization", "organisation", "department name",
             "cost center", "cost centre", "business unit", "division", "team"),
    "fte": ("fte", "full time equivalent", "fte %", "fte percent", "fte percentage"),
    "cost": ("cost", "salary", "annual salary", "base salary", "compensation",
             "annual cost", "total cost", "yearly salary", "pay"),
    "email": ("email", "e mail", "work email", "email address", "e mail address",
              "business email", "mail"),
    "phone": ("phone", "telephone", "work phone", "phone number", "mobile", "tel",
              "business phone", "mobile phone"),
    "customer_facing": ("customer facing", "client facing", "customer contact",
                        "front line", "frontline", "customer facing role"),
    "kind": ("kind", "position kind", "position type"),
    "dotted_managers": ("dotted line managers", "dotted line manager", "dotted line",
                        "dotted managers", "matrix manager", "matrix managers"),
    "tags": ("tags", "labels"),
    "notes": ("notes", "comments", "comment", "remarks"),
}

_NON_WORD = re.compile(r"[^0-9a-z%]+")


def normalise_header(text: str) -> str:
    """``" Employee-ID "`` → ``"employee id"``: how headers are compared."""
    return _NON_WORD.sub(" ", text.strip().casefold().replace("\ufeff", "")).strip()


def detect_mapping(header: list[str]) -> ColumnMapping:
    """Map the columns of ``header`` to fields by their names; a column serves one field."""
    by_name: dict[str, str] = {}
    for column in header:
        by_name.setdefault(normalise_header(column), column)
    found: dict[str, str] = {}
    used: set[str] = set()
    # Whole normalised names only: "manager id" never matches the id field.
    for field in FIELDS:
        for synonym in SYNONYMS[field]:
            column = by_name.get(synonym)
            if column is not None and column not in used:
                found[field] = column
                used.add(column)
                break
    return ColumnMapping(**{f: found.get(f, "") for f in FIELDS})


# -- bytes to text ---------------------------------------------------------------------------
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file whose encoding nobody wrote down; return (text, encoding)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):  # UTF-16 without a BOM
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) \
            else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_DELIMITERS = (",", ";", "\t", "|")


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of cells."""
    head = text[:65536]
    best, best_score = ",", (-1.0, 0, 0)
    for rank, delimiter in enumerate(_DELIMITERS):
        try:
            rows = [r for r in islice(csv.reader(head.splitlines()[:50],
                                                 delimiter=delimiter), 50) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        widths = Counter(len(r) for r in rows[:-1] or rows)  # the last line may be cut
        width, count = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (count / len(rows[:-1] or rows), width, -rank)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# -- cell values -------------------------------------------------------------------------------
_CURRENCY = re.compile(r"[\s\u00a0\u202f'’$€£¥₹]|\b(?:CHF|EUR|USD|GBP|SEK|NOK|DKK)\b", re.I)
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_GROUPED = re.compile(r"-?\d{1,3}[.,]\d{3}")


def parse_number(text: str, *, small: bool = False) -> float:
    """Parse ``"85,000"``, ``"85.000,50"``, ``"0,5"``, ``"€ 1 200"``, ``"50%"``.

    With one separator followed by exactly three digits the separator groups thousands,
    unless ``small`` (an FTE is never a thousand): then a single separator is always the
    decimal point. With both, the last one is the decimal point. ValueError otherwise."""
    s = text.strip()
    if _PLAIN.fullmatch(s):
        return float(s)
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    s = _CURRENCY.sub("", s)
    dot, comma = s.count("."), s.count(",")
    if dot and comma:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        group = "," if decimal == "." else "."
        if s.count(decimal) > 1:
            raise ValueError(text)
        s = s.replace(group, "").replace(decimal, ".")
    elif dot + comma > 1:
        if small:
            raise ValueError(text)
        s = s.replace(".", "").replace(",", "")
    elif dot + comma == 1:
        if not small and _GROUPED.fullmatch(s):
            s = s.replace(".", "").replace(",", "")
        else:
            s = s.replace(",", ".")
    if not _PLAIN.fullmatch(s):
        raise ValueError(text)
    value = float(s)
    return value / 100.0 if percent else value


_TRUE = {"yes", "y", "true", "t", "1", "x", "ja", "oui", "si", "sí", "customer facing",
         "✓", "✔"}
_FALSE = {"", "no", "n", "false", "f", "0", "nein", "non", "-"}


def parse_bool(text: str) -> bool:
    """Yes/no in the ways spreadsheets write it; ValueError for anything else."""
    s = text.strip().casefold()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(text)


#: What HR exports write in the name of an empty position; read as a vacancy.
VACANT_NAMES = frozenset({"vacant", "vacancy", "(vacant)", "[vacant]", "tbh", "tbd",
                          "to be hired", "open position", "open role", "open req"})


def holder_name(text: str) -> str:
    """The holder's name, or "" for a vacancy written as "Vacant", "TBH"..."""
    return "" if text.casefold() in VACANT_NAMES else text


#: A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


_FIRST = frozenset("=+-@\t\r'")  # a cell starting otherwise needs no look


def escape_cell(value: str) -> str:
    """Make a text cell safe to open in a spreadsheet: prefix ``'`` when it (after any
    quotes already there) starts like a formula. :func:`unescape_cell` undoes it."""
    if value[:1] in _FIRST and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo :func:`escape_cell` (the inverse for every string)."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value
