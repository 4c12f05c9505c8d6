"""One door for every format: read_document / write_document by extension."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from orgdesigner.errors import OrgDesignerError, SaveError
from orgdesigner.io import SUPPORTED_SUFFIXES, atomic, read_document, write_document
from orgdesigner.io.csv import ColumnMapping
from orgdesigner.model.document import OrgDocument
from orgdesigner.model.synthetic import generate_org


def _same_chart(a: OrgDocument, b: OrgDocument) -> None:
    sa, sb = a.scenario(), b.scenario()
    assert [p.model_copy(update={"unit_id": None}) for p in sa.positions] == \
        [p.model_copy(update={"unit_id": None}) for p in sb.positions]
    assert [(ln.manager_id, ln.report_id, ln.kind) for ln in sa.lines] == \
        [(ln.manager_id, ln.report_id, ln.kind) for ln in sb.lines]


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_every_format_round_trips(tmp_path: Path, suffix: str) -> None:
    doc = generate_org(25, seed=11)
    path = tmp_path / f"chart{suffix}"
    write_document(doc, path)
    back = read_document(path)
    if suffix == ".orgchart":
        assert back == doc
    else:
        _same_chart(doc, back)


def test_extension_case_and_mapping(tmp_path: Path) -> None:
    path = tmp_path / "people.CSV"
    path.write_text("Who,Boss\nAna,\nBen,Ana\n", encoding="utf-8")
    doc = read_document(path, mapping=ColumnMapping(name="Who", manager="Boss"))
    assert [p.holder for p in doc.scenario().positions] == ["Ana", "Ben"]


def test_unknown_extension_names_supported_ones(tmp_path: Path) -> None:
    for name in ("chart.xlsx", "chart"):
        with pytest.raises(OrgDesignerError, match=r"unknown file type.*\.orgchart, \.csv, "
                                                   r"\.graphml, \.xml"):
            read_document(tmp_path / name)
        with pytest.raises(OrgDesignerError, match="unknown file type"):
            write_document(generate_org(2), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".graphml"])
def test_failed_export_leaves_previous_file(tmp_path: Path, suffix: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"out{suffix}"
    write_document(generate_org(5), path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(SaveError, match="disk is full"):
        write_document(generate_org(40), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"out{suffix}"]


def test_export_picks_a_scenario(tmp_path: Path) -> None:
    doc = generate_org(6, seed=1)
    small = generate_org(3, seed=2).scenario().model_copy(update={"id": "to-be",
                                                                  "name": "To-be A"})
    doc.scenarios.append(small)
    for suffix in (".csv", ".graphml"):
        path = tmp_path / f"s{suffix}"
        write_document(doc, path, scenario_id="To-be A")
        assert len(read_document(path).scenario().positions) == 3
        with pytest.raises(OrgDesignerError, match="no scenario 'nope'; the document has "
                                                   "'as-is' \\(As-is\\), 'to-be'"):
            write_document(doc, path, scenario_id="nope")
