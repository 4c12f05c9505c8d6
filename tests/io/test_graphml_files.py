"""GraphML: plain files, yEd files, a faithful export, and hostile XML refused."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.errors import ImportProblems, LoadError
from orgdesigner.io.csv_format import VACANT_NAMES
from orgdesigner.io.graphml import export_graphml, graphml_bytes, import_graphml
from orgdesigner.model.document import LineKind, OrgDocument, ReportingLine
from orgdesigner.model.synthetic import generate_org

#: What yEd saves for a small chart drawn by hand: labels only, "Name\nTitle", a dashed
#: (dotted-line) edge, yEd's namespaces and keys.
YED_SAMPLE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
    xmlns:java="http://www.yworks.com/xml/yfiles-common/1.0/java"
    xmlns:sys="http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0"
    xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/2.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:y="http://www.yworks.com/xml/graphml"
    xmlns:yed="http://www.yworks.com/xml/yed/3"
    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
  <key for="port" id="d0" yfiles.type="portgraphics"/>
  <key attr.name="url" attr.type="string" for="node" id="d3"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="graphml" id="d7" yfiles.type="resources"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5"/>
      <data key="d6">
        <y:ShapeNode>
          <y:Geometry height="50.0" width="160.0" x="200.0" y="0.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:BorderStyle color="#000000" raised="false" type="line" width="1.0"/>
          <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog"
              fontSize="12" fontStyle="plain" hasBackgroundColor="false" hasLineColor="false"
              height="32.0" horizontalTextPosition="center" iconTextGap="4" modelName="custom"
              textColor="#000000" verticalTextPosition="bottom" visible="true" width="120.0"
              x="20.0" xml:space="preserve" y="9.0">Marta Lindqvist
Chief Executive Officer</y:NodeLabel>
          <y:Shape type="rectangle"/>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n1">
      <data key="d6">
        <y:ShapeNode>
          <y:Geometry height="50.0" width="160.0" x="0.0" y="100.0"/>
          <y:NodeLabel>Jon Ekberg
Head of Sales</y:NodeLabel>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n2">
      <data key="d6">
        <y:GenericNode configuration="com.yworks.flowchart.process">
          <y:Geometry height="50.0" width="160.0" x="400.0" y="100.0"/>
          <y:NodeLabel>Sara Holm
Head of
Customer Care</y:NodeLabel>
        </y:GenericNode>
      </data>
    </node>
    <node id="n3">
      <data key="d6">
        <y:ShapeNode><y:NodeLabel>Key Account Manager</y:NodeLabel></y:ShapeNode>
      </data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d10"><y:PolyLineEdge><y:LineStyle color="#000000" type="line" width="1.0"/>
        <y:Arrows source="none" target="standard"/></y:PolyLineEdge></data>
    </edge>
    <edge id="e1" source="n0" target="n2">
      <data key="d10"><y:PolyLineEdge><y:LineStyle type="line"/></y:PolyLineEdge></data>
    </edge>
    <edge id="e2" source="n1" target="n3"/>
    <edge id="e3" source="n2" target="n3">
      <data key="d10"><y:PolyLineEdge><y:LineStyle color="#999999" type="dashed" width="1.0"/>
        <y:EdgeLabel>matrix</y:EdgeLabel></y:PolyLineEdge></data>
    </edge>
  </graph>
  <data key="d7"><y:Resources/></data>
</graphml>
"""

PLAIN_SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <key id="k1" for="node" attr.name="job_title" attr.type="string"/>
  <key id="k2" for="node" attr.name="department" attr.type="string"/>
  <key id="k3" for="node" attr.name="fte" attr.type="double"/>
  <key id="k4" for="node" attr.name="customer facing" attr.type="boolean"/>
  <key id="k5" for="edge" attr.name="kind" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="k0">Ana</data><data key="k1">CEO</data></node>
    <node id="b"><data key="k0">Ben</data><data key="k1">Sales lead</data>
      <data key="k2">Sales</data><data key="k4">true</data></node>
    <node id="c"><data key="k0">Cas</data><data key="k2">Finance</data>
      <data key="k3">0.5</data></node>
    <edge source="a" target="c"/>
    <edge source="a" target="b"/>
    <edge source="c" target="b"><data key="k5">dotted</data></edge>
  </graph>
</graphml>
"""


def _file(tmp_path: Path, text: str, name: str = "in.graphml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lines(doc: OrgDocument, kind: LineKind) -> list[tuple[str, str]]:
    return [(ln.manager_id, ln.report_id) for ln in doc.scenario().lines if ln.kind is kind]


def test_plain_graphml(tmp_path: Path) -> None:
    doc = import_graphml(_file(tmp_path, PLAIN_SAMPLE))
    s = doc.scenario()
    assert [(p.id, p.holder, p.title) for p in s.positions] == [
        ("a", "Ana", "CEO"), ("b", "Ben", "Sales lead"), ("c", "Cas", "")]
    assert s.position("b").customer_facing and s.position("c").fte == 0.5
    # Sibling order follows the order of the nodes in the file.
    assert _lines(doc, LineKind.SOLID) == [("a", "b"), ("a", "c")]
    assert _lines(doc, LineKind.DOTTED) == [("c", "b")]
    assert {u.name for u in s.units if u.is_division} == {"Sales", "Finance"}


def test_yed_sample(tmp_path: Path) -> None:
    doc = import_graphml(_file(tmp_path, YED_SAMPLE))
    s = doc.scenario()
    assert [(p.id, p.holder, p.title) for p in s.positions] == [
        ("n0", "Marta Lindqvist", "Chief Executive Officer"),
        ("n1", "Jon Ekberg", "Head of Sales"),
        ("n2", "Sara Holm", "Head of Customer Care"),
        ("n3", "Key Account Manager", ""),
    ]
    assert _lines(doc, LineKind.SOLID) == [("n0", "n1"), ("n0", "n2"), ("n1", "n3")]
    assert _lines(doc, LineKind.DOTTED) == [("n2", "n3")]


def test_export_round_trip_and_yed_labels(tmp_path: Path) -> None:
    doc = generate_org(50, seed=4)
    s = doc.scenario()
    s.lines.append(ReportingLine(manager_id="p2", report_id="p30", kind=LineKind.DOTTED))
    s.positions[5] = s.positions[5].model_copy(update={
        "tags": ("key", "remote"), "notes": "Line one\nline two", "email": "x@example.com",
        "holder": "Ünïcødé <&> \"quotes\""})
    path = tmp_path / "out.graphml"
    export_graphml(doc, path)
    back = import_graphml(path)
    assert back.meta.title == doc.meta.title
    b = back.scenario()
    units = {u.id: u.name for u in s.units}
    back_units = {u.id: u.name for u in b.units}
    for p, q in zip(s.positions, b.positions, strict=True):
        assert q.model_copy(update={"unit_id": p.unit_id}) == p
        assert units.get(p.unit_id or "") == back_units.get(q.unit_id or "")
    assert _lines(back, LineKind.SOLID) == _lines(doc, LineKind.SOLID)
    assert _lines(back, LineKind.DOTTED) == [("p2", "p30")]
    # What yEd shows: every node has a ShapeNode label "Name\nTitle", edges are arrows.
    graph = nx.read_graphml(path)
    assert graph.nodes["p6"]["label"] == f"{s.positions[5].holder}\n{s.positions[5].title}"
    assert graph.nodes["p1"]["name"] == s.positions[0].holder
    text = path.read_text(encoding="utf-8")
    assert 'yfiles.type="nodegraphics"' in text and "<y:ShapeNode>" in text
    assert 'type="dashed"' in text  # the dotted line is drawn dashed


def test_export_of_control_characters_stays_readable(tmp_path: Path) -> None:
    doc = generate_org(3)
    s = doc.scenario()
    s.positions[1] = s.positions[1].model_copy(update={"holder": "Bell\x07 Ringer"})
    path = tmp_path / "ctl.graphml"
    path.write_bytes(graphml_bytes(doc))
    assert import_graphml(path).scenario().position("p2").holder == "Bell Ringer"


def test_problems_reported_together(tmp_path: Path) -> None:
    text = PLAIN_SAMPLE.replace('<data key="k3">0.5</data>', '<data key="k3">NaN</data>') \
        .replace('<edge source="c" target="b"><data key="k5">dotted</data></edge>',
                 '<edge source="c" target="b"/><edge source="b" target="a"/>')
    with pytest.raises(ImportProblems) as info:
        import_graphml(_file(tmp_path, text))
    message = "\n".join(info.value.problems)
    assert "node 'b': has 2 solid-line managers" in message
    assert "reporting cycle" in message
    assert "node 'c', fte" in message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed"><node id="a"><data key="k0">&lol9;</data></node></graph>
</graphml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed"><node id="a"><data key="k0">&secret;</data></node></graph>
</graphml>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_refused_at_once(tmp_path: Path, text: str) -> None:
    path = _file(tmp_path, text)
    started = time.perf_counter()
    with pytest.raises(LoadError, match="refused: the file declares a DTD"):
        import_graphml(path)
    assert time.perf_counter() - started < 1.0


def test_broken_and_foreign_xml(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"not valid XML at line 3, column \d+"):
        import_graphml(_file(tmp_path, '<?xml version="1.0"?>\n<graphml>\n<graph></grph>'))
    with pytest.raises(LoadError, match="not a GraphML file"):
        import_graphml(_file(tmp_path, "<html><body/></html>"))
    with pytest.raises(LoadError, match="no such file"):
        import_graphml(tmp_path / "absent.graphml")
    bad_key = PLAIN_SAMPLE.replace('<data key="k0">Ana</data>', '<data key="zz">Ana</data>')
    with pytest.raises(LoadError, match="not a GraphML graph OrgDesigner can read"):
        import_graphml(_file(tmp_path, bad_key))


_xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
                    | st.sampled_from("\n\r\t"), max_size=40).map(str.strip)\
    .filter(lambda t: t.casefold() not in VACANT_NAMES)  # read as vacancies


@settings(max_examples=40, deadline=None)
@given(holder=_xml_text, title=_xml_text, notes=_xml_text, email=_xml_text)
def test_round_trip_any_text(holder: str, title: str, notes: str, email: str) -> None:
    doc = generate_org(3, seed=6)
    s = doc.scenario()
    s.positions[2] = s.positions[2].model_copy(
        update={"holder": holder, "title": title, "notes": notes, "email": email})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.graphml"
        path.write_bytes(graphml_bytes(doc))
        back = import_graphml(path).scenario().position("p3")
    assert back.model_copy(update={"unit_id": s.positions[2].unit_id}) == s.positions[2]
