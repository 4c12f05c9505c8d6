"""The native ``.orgchart`` file: the OrgDocument as JSON, saved atomically.

Loading reads ``schema_version`` first: a newer file is refused politely (naming both
versions), an older one is migrated step by step through :data:`MIGRATIONS`, then the
whole document is validated by pydantic's fast JSON path and its references checked.
Every problem becomes a :class:`LoadError` that names the file and the place (line and
column for broken JSON, a JSON path such as ``scenarios[0].positions[12] (id 'p13').fte``
for wrong values); the caller never sees a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from orgdesigner.errors import LoadError, SaveError
from orgdesigner.io.atomic import atomic_write_bytes
from orgdesigner.io.integrity import reference_problems
from orgdesigner.io.reading import read_bounded
from orgdesigner.model.document import FORMAT_NAME, SCHEMA_VERSION, OrgDocument
from orgdesigner.perf import paused_gc

__all__ = [
    "MAX_FILE_BYTES",
    "MIGRATIONS",
    "SUFFIX",
    "dumps",
    "load",
    "loads",
    "register_migration",
    "save",
]

SUFFIX = ".orgchart"
#: Larger files are refused before reading: a million positions take about 250 MB.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: How many validation problems one error message lists.
_SHOWN = 8

Migration = Callable[[dict[str, Any]], dict[str, Any]]
#: ``MIGRATIONS[n]`` turns a version-``n`` document (parsed JSON) into version ``n + 1``.
MIGRATIONS: dict[int, Migration] = {}


def register_migration(from_version: int) -> Callable[[Migration], Migration]:
    """Decorator: register the step that upgrades ``from_version`` to ``from_version + 1``."""

    def decorate(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return decorate


# -- reading -------------------------------------------------------------------------------
def load(path: str | os.PathLike[str]) -> OrgDocument:
    """Read a ``.orgchart`` file. Raises :class:`LoadError` saying what and where."""
    p = Path(path)
    data = read_bounded(p, MAX_FILE_BYTES, "opens")
    return loads(data, source=str(p))


def loads(data: str | bytes, source: str = "<document>") -> OrgDocument:
    """Parse a document from JSON text or bytes; ``source`` names it in error messages."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(f"{source}: larger than the {MAX_FILE_BYTES // 2**20} MB "
                        "OrgDesigner opens.")
    text = _decode(data, source)
    version = _peek_schema_version(text, source)
    with paused_gc():
        if version == SCHEMA_VERSION:
            doc = _validate_json(text, source)
        else:
            raw = _parse_json(text, source)
            doc = _validate_python(_migrate(raw, version, source), source)
        problems = reference_problems(doc)
    if problems:
        raise LoadError(_listing(source, "refers to things that are not there", problems))
    return doc


def _decode(data: str | bytes, source: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LoadError(f"{source}: not a text file (invalid UTF-8 at byte {err.start}); "
                        "it is not an OrgDesigner document or it is damaged.") from None


def _json_error(source: str, err: json.JSONDecodeError, text: str) -> LoadError:
    where = f"line {err.lineno}, column {err.colno}"
    if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
        return LoadError(f"{source}: the file ends too early ({where}); it is truncated or "
                         "damaged.")
    return LoadError(f"{source}: damaged JSON at {where}: {err.msg}.")


def _peek_schema_version(text: str, source: str) -> int:
    """Read the top-level ``schema_version`` without parsing the whole file (our files
    write it second). Keys before it are decoded one by one."""
    decoder = json.JSONDecoder()
    i = _skip_ws(text, 0)
    if i >= len(text):
        raise LoadError(f"{source}: the file is empty.")
    if text[i] != "{":
        raise LoadError(f"{source}: not an OrgDesigner document (expected a JSON object).")
    i = _skip_ws(text, i + 1)
    fmt: Any = None
    try:
        while i < len(text) and text[i] != "}":
            key, i = decoder.raw_decode(text, i)
            i = _skip_ws(text, i)
            if i >= len(text) or text[i] != ":":
                break  # let the full parser report the exact place
            value, i = decoder.raw_decode(text, _skip_ws(text, i + 1))
            if key == "format":
                fmt = value
            elif key == "schema_version":
                return _check_version(value, fmt, source)
            i = _skip_ws(text, i)
            if i < len(text) and text[i] == ",":
                i = _skip_ws(text, i + 1)
    except (json.JSONDecodeError, RecursionError):
        pass
    raw = _parse_json(text, source)
    return _check_version(raw.get("schema_version") if isinstance(raw, dict) else None,
                          raw.get("format") if isinstance(raw, dict) else None, source)


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in " \t\r\n":
        i += 1
    return i


def _check_version(version: Any, fmt: Any, source: str) -> int:
    if fmt is not None and fmt != FORMAT_NAME:
        raise LoadError(f"{source}: not an OrgDesigner document (format is {fmt!r}).")
    if version is None:
        raise LoadError(f"{source}: not an OrgDesigner document (no schema_version).")
    if isinstance(version, bool) or not isinstance(version, int):
        raise LoadError(f"{source}: schema_version must be a whole number, not {version!r}.")
    if version > SCHEMA_VERSION:
        raise LoadError(
            f"{source} was saved by a newer OrgDesigner (file format version {version}); "
            f"this version reads format versions up to {SCHEMA_VERSION}. Please update "
            "OrgDesigner to open it."
        )
    return version


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise _json_error(source, err, text) from None
    except RecursionError:
        raise LoadError(f"{source}: nested too deeply to be an OrgDesigner document.") \
            from None


def _migrate(raw: Any, version: int, source: str) -> Any:
    """Upgrade parsed JSON step by step from ``version`` to the current one."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LoadError(f"{source}: file format version {version} is too old to open "
                            f"(this version reads {min(MIGRATIONS, default=SCHEMA_VERSION)}"
                            f" to {SCHEMA_VERSION}).")
        try:
            raw = step(raw)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise LoadError(f"{source}: could not upgrade from file format version "
                            f"{version}: {err}.") from None
        version += 1
        if isinstance(raw, dict):
            raw["schema_version"] = version
    return raw


def _validate_json(text: str, source: str) -> OrgDocument:
    try:
        return OrgDocument.model_validate_json(text)
    except ValidationError as err:
        if any(e["type"] == "json_invalid" for e in err.errors(include_url=False)):
            _parse_json(text, source)  # raises with line and column
            raise LoadError(f"{source}: damaged JSON ({err.errors()[0]['msg']}).") from None
        raise _validation_error(source, err, lambda: _parse_json(text, source)) from None


def _validate_python(raw: Any, source: str) -> OrgDocument:
    try:
        return OrgDocument.model_validate(raw)
    except ValidationError as err:
        raise _validation_error(source, err, lambda: raw) from None


def _validation_error(source: str, err: ValidationError, raw: Callable[[], Any]) -> LoadError:
    errors = err.errors(include_url=False)
    data = raw()
    lines = [f"{_json_path(e['loc'], data)}: {_describe(e)}" for e in errors[:_SHOWN]]
    if len(errors) > _SHOWN:
        lines.append(f"... and {len(errors) - _SHOWN} more")
    if len(lines) == 1:
        return LoadError(f"{source}: invalid document at {lines[0]}.")
    return LoadError(f"{source}: invalid document:\n  " + "\n  ".join(lines))


def _json_path(loc: tuple[Any, ...], data: Any) -> str:
    """``scenarios[0].positions[3] (id 'p4').fte``: where a problem is, naming item ids."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" (id {node['id']!r})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "the top level"


def _describe(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (not part of the format)"
    if kind == "missing":
        return "required but missing"
    value = error.get("input")
    shown = repr(value) if isinstance(value, str | int | float | bool) or value is None \
        else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{error['msg']} (found {shown})"


def _listing(source: str, what: str, problems: list[str]) -> str:
    shown = problems[:_SHOWN]
    more = [f"... and {len(problems) - _SHOWN} more"] if len(problems) > _SHOWN else []
    return f"{source} {what}:\n  " + "\n  ".join(shown + more)


# -- writing -------------------------------------------------------------------------------
def dumps(doc: OrgDocument) -> bytes:
    """The document as ``.orgchart`` JSON bytes (UTF-8, keys in model order)."""
    with paused_gc():
        return doc.model_dump_json(indent=None).encode("utf-8")


def save(doc: OrgDocument, path: str | os.PathLike[str]) -> None:
    """Save atomically, keeping the previous version as ``NAME.orgchart.bak``.

    A document with references to missing positions is refused (it could not be opened
    again); a failed write raises :class:`SaveError` and leaves the old file intact."""
    problems = reference_problems(doc)
    if problems:
        raise SaveError(_listing(f"Not saved to {path}: the document", "refers to things "
                                 "that are not there", problems))
    atomic_write_bytes(path, dumps(doc), keep_backup=True)
