"""Any bytes at all: every reader answers with a document or a clear error, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import graphml, native, read_document
from orgdesigner.io.csv import scenario_csv_bytes
from orgdesigner.model.synthetic import generate_org

_DOC = generate_org(8, seed=2)
_SAMPLES = {".orgchart": native.dumps(_DOC), ".csv": scenario_csv_bytes(_DOC),
            ".graphml": graphml.graphml_bytes(_DOC)}


@st.composite
def damaged(draw: st.DrawFn, suffix: str) -> bytes:
    """A real file of that type with a few bytes changed, cut or inserted."""
    data = bytearray(_SAMPLES[suffix])
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["set", "insert", "delete", "cut"]))
        if action == "set" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b"{", b"]", b'"', b",", b";", b"'", b"=",
                                                b"\n", b"<", b"&", b"\x00", b"\xff"]))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 30))]
        else:
            del data[at:]
    return bytes(data)


@pytest.mark.parametrize("suffix", sorted(_SAMPLES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_damaged_files_give_clear_errors(suffix: str, data: st.DataObject) -> None:
    content = data.draw(damaged(suffix) | st.binary(max_size=200))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        try:
            read_document(path)
        except OrgDesignerError as err:
            assert str(err).strip()
