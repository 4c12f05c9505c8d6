"""The .orgchart file: round trips, versions, migrations and clear errors."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.errors import LoadError, SaveError
from orgdesigner.io import atomic, native
from orgdesigner.model.document import (
    SCHEMA_VERSION,
    LineKind,
    OrgDocument,
    Position,
    ReportingLine,
    Team,
)
from orgdesigner.model.synthetic import generate_org


def _doc(n: int = 30) -> OrgDocument:
    return generate_org(n, seed=3)


def _raw(doc: OrgDocument) -> dict[str, Any]:
    return json.loads(native.dumps(doc))


def test_save_load_round_trip_and_bak(tmp_path: Path) -> None:
    path = tmp_path / "acme.orgchart"
    first = _doc(30)
    native.save(first, path)
    assert native.load(path) == first
    second = _doc(40)
    native.save(second, path)
    assert native.load(path) == second
    assert native.load(tmp_path / "acme.orgchart.bak") == first


def test_schema_version_written_first() -> None:
    text = native.dumps(_doc(5)).decode()
    assert text.startswith('{"format":"orgdesigner","schema_version":1,')


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=1, max_value=25),
    seed=st.integers(min_value=0, max_value=1000),
    holder=st.text(max_size=40),
    notes=st.text(max_size=200),
    fte=st.floats(min_value=0.0, max_value=10.0, allow_nan=False),
)
def test_round_trip_any_text(n: int, seed: int, holder: str, notes: str, fte: float) -> None:
    doc = generate_org(n, seed=seed)
    scenario = doc.scenario()
    scenario.positions[0] = scenario.positions[0].model_copy(
        update={"holder": holder, "notes": notes, "fte": fte, "tags": ("a", "b")})
    assert native.loads(native.dumps(doc)) == doc


def test_failed_save_keeps_old_file_and_bak(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.orgchart"
    native.save(_doc(10), path)
    native.save(_doc(12), path)
    before, bak_before = path.read_bytes(), (tmp_path / "acme.orgchart.bak").read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(SaveError, match="read-only"):
        native.save(_doc(20), path)
    assert path.read_bytes() == before
    assert (tmp_path / "acme.orgchart.bak").read_bytes() == bak_before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_newer_version_refused_naming_both() -> None:
    raw = _raw(_doc(3))
    raw["schema_version"] = SCHEMA_VERSION + 4
    with pytest.raises(LoadError) as info:
        native.loads(json.dumps(raw), source="future.orgchart")
    message = str(info.value)
    assert "future.orgchart" in message
    assert f"version {SCHEMA_VERSION + 4}" in message
    assert f"up to {SCHEMA_VERSION}" in message


def test_version_found_even_when_not_first() -> None:
    raw = _raw(_doc(3))
    version = raw.pop("schema_version")
    raw["schema_version"] = version + 1  # now the last key
    with pytest.raises(LoadError, match="newer"):
        native.loads(json.dumps(raw))


def test_migration_mechanism(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake v0 file stored positions under "boxes"; the registered step renames it."""
    raw = _raw(_doc(4))
    raw["schema_version"] = SCHEMA_VERSION - 1
    for scenario in raw["scenarios"]:
        scenario["boxes"] = scenario.pop("positions")

    def v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
        for scenario in data["scenarios"]:
            scenario["positions"] = scenario.pop("boxes")
        return data

    monkeypatch.setattr(native, "MIGRATIONS", {})
    native.register_migration(SCHEMA_VERSION - 1)(v0_to_v1)
    doc = native.loads(json.dumps(raw))
    assert doc == _doc(4)
    assert doc.schema_version == SCHEMA_VERSION


def test_too_old_without_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "MIGRATIONS", {})
    raw = _raw(_doc(2))
    raw["schema_version"] = 0
    with pytest.raises(LoadError, match="version 0 is too old"):
        native.loads(json.dumps(raw))


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.orgchart"
    path.write_bytes(native.dumps(_doc(20))[:700])
    with pytest.raises(LoadError, match=r"cut\.orgchart: the file ends too early \(line 1"):
        native.load(path)


def test_corrupt_json_names_line_and_column() -> None:
    text = json.dumps(_raw(_doc(3)), indent=1)
    lines = text.splitlines()
    lines[10] = lines[10] + " @@"
    with pytest.raises(LoadError, match=r"damaged JSON at line 11, column \d+"):
        native.loads("\n".join(lines), source="bad.orgchart")


def test_wrong_type_names_json_path_and_id() -> None:
    raw = _raw(_doc(5))
    raw["scenarios"][0]["positions"][3]["fte"] = "lots"
    with pytest.raises(LoadError) as info:
        native.loads(json.dumps(raw), source="x.orgchart")
    assert "scenarios[0] (id 'as-is').positions[3] (id 'p4').fte" in str(info.value)
    assert "'lots'" in str(info.value)


def test_unknown_key_is_named() -> None:
    raw = _raw(_doc(5))
    raw["scenarios"][0]["positions"][1]["salary_band"] = "B"
    with pytest.raises(LoadError, match=r"positions\[1\] \(id 'p2'\)\.salary_band: unknown key"):
        native.loads(json.dumps(raw))


def test_not_a_document() -> None:
    for text in ("", "[1, 2]", '{"hello": 1}', '{"format": "other", "schema_version": 1}'):
        with pytest.raises(LoadError, match="not an OrgDesigner document|empty"):
            native.loads(text)
    with pytest.raises(LoadError, match="not a text file"):
        native.loads(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(LoadError, match="whole number"):
        native.loads('{"format": "orgdesigner", "schema_version": "1"}')


def test_dangling_references_refused() -> None:
    doc = _doc(6)
    scenario = doc.scenario()
    scenario.lines.append(ReportingLine(manager_id="p1", report_id="ghost",
                                        kind=LineKind.DOTTED))
    scenario.teams.append(Team(id="t1", name="Tiger team", member_ids=("p2", "nobody")))
    text = native.dumps(doc)
    with pytest.raises(LoadError) as info:
        native.loads(text, source="d.orgchart")
    message = str(info.value)
    assert "no position 'ghost'" in message and "'nobody'" in message


def test_save_refuses_dangling_and_duplicate(tmp_path: Path) -> None:
    doc = _doc(4)
    doc.scenario().positions.append(Position(id="p2", title="Twin"))
    path = tmp_path / "dup.orgchart"
    with pytest.raises(SaveError, match="position id 'p2' is used more than once"):
        native.save(doc, path)
    assert not path.exists()


def test_size_bound(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "big.orgchart"
    native.save(_doc(50), path)
    monkeypatch.setattr(native, "MAX_FILE_BYTES", 1000)
    with pytest.raises(LoadError, match="larger than"):
        native.load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        native.load(tmp_path / "absent.orgchart")
    with pytest.raises(LoadError, match="is a folder"):
        native.load(tmp_path)


def test_bom_accepted() -> None:
    doc = _doc(3)
    assert native.loads(b"\xef\xbb\xbf" + native.dumps(doc)) == doc


def test_deep_nesting_and_non_finite_numbers() -> None:
    deep = '{"x": ' + "[" * 100_000 + "]" * 100_000 + ', "schema_version": 1}'
    with pytest.raises(LoadError, match="nested too deeply|damaged"):
        native.loads(deep)
    raw = _raw(_doc(3))
    raw["scenarios"][0]["notes"] = [{"id": "n1", "x": float("nan"), "y": 0.0}]
    with pytest.raises(LoadError, match=r"notes\[0\] \(id 'n1'\).*not a finite number"):
        native.loads(json.dumps(raw))


def test_write_failing_half_way_keeps_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.orgchart"
    native.save(_doc(10), path)
    before = path.read_bytes()
    real_fdopen = atomic.os.fdopen

    class HalfWriter:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(SaveError, match="disk is full"):
        native.save(_doc(200), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.orgchart"]
