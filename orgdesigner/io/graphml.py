"""GraphML import and export, including files drawn in yEd.

GraphML is XML from anywhere, so it is untrusted: the bytes are first parsed by
defusedxml with DTDs, entities and external references forbidden, so a billion-laughs
file or an external entity is refused at once; only then does networkx read the graph.

Nodes are positions, edges run manager → report; an edge whose ``kind`` attribute is
``dotted`` (or that yEd draws dashed or dotted) is a dotted line. Node attributes are
matched by the same names as CSV columns (``name``, ``title``, ``department``, ``fte``...);
a yEd file without them gives its label instead, read as "Name\\nTitle". Export writes the
plain attributes and yEd's node and edge graphics side by side, so the file opens in yEd
with readable, coloured boxes laid out by layer, and comes back here unchanged.
"""

from __future__ import annotations

import html
import os
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET
import networkx as nx
from networkx.readwrite.graphml import GraphMLReader

from orgdesigner.errors import LoadError
from orgdesigner.io.assemble import Draft, build_document, export_order, pick_scenario
from orgdesigner.io.atomic import atomic_output
from orgdesigner.io.csv_format import (
    FIELDS,
    SYNONYMS,
    ManagerRef,
    holder_name,
    normalise_header,
    parse_bool,
    parse_number,
)
from orgdesigner.io.reading import read_bounded
from orgdesigner.model.document import LineKind, OrgDocument, PositionKind
from orgdesigner.model.graph import OrgGraph

__all__ = ["MAX_GRAPHML_BYTES", "export_graphml", "graphml_bytes", "import_graphml"]

MAX_GRAPHML_BYTES = 512 * 1024 * 1024
NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
_DOTTED_STYLES = {"dashed", "dotted", "dashed_dotted"}
_KINDS = {k.value: k for k in PositionKind}
_BOX_W, _BOX_H, _GAP_X, _GAP_Y = 180.0, 56.0, 30.0, 70.0


# -- import ----------------------------------------------------------------------------------
def _guarded_root(data: bytes, source: str) -> Any:
    """Parse with every XML bomb and external reference refused; return the root."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except defusedxml.DTDForbidden:
        raise LoadError(f"{source}: refused: the file declares a DTD (<!DOCTYPE ...>), "
                        "which GraphML never needs and which can hide entity bombs or "
                        "read other files.") from None
    except defusedxml.EntitiesForbidden:
        raise LoadError(f"{source}: refused: the file declares XML entities, which can "
                        "expand without bound (a 'billion laughs' file).") from None
    except defusedxml.ExternalReferenceForbidden:
        raise LoadError(f"{source}: refused: the file refers to external resources.") \
            from None
    except (LookupError, ValueError) as err:  # e.g. encoding="no-such-encoding"
        raise LoadError(f"{source}: cannot be read as XML ({err}).") from None
    except SafeET.ParseError as err:
        line, column = err.position
        raise LoadError(f"{source}: not valid XML at line {line}, column {column + 1} "
                        f"({str(err).split(':')[0]}).") from None


def _yed_dotted_edges(root: Any) -> set[tuple[str, str]]:
    """Edges yEd draws dashed or dotted (networkx does not read line styles)."""
    dotted: set[tuple[str, str]] = set()
    for edge in root.iter(f"{{{NS_GRAPHML}}}edge"):
        for style in edge.iter(f"{{{NS_Y}}}LineStyle"):
            if style.get("type") in _DOTTED_STYLES:
                dotted.add((edge.get("source", ""), edge.get("target", "")))
    return dotted


def _edge_order(root: Any) -> list[tuple[str, str]]:
    return [(e.get("source", ""), e.get("target", ""))
            for e in root.iter(f"{{{NS_GRAPHML}}}edge")]


def _attribute_fields(names: set[str]) -> dict[str, str]:
    """field → node attribute name, by the CSV header synonyms (plus yEd's label)."""
    by_norm = {normalise_header(n): n for n in names}
    found: dict[str, str] = {}
    for field in FIELDS:
        for synonym in SYNONYMS[field]:
            if synonym in by_norm and by_norm[synonym] not in found.values():
                found[field] = by_norm[synonym]
                break
    return found


def import_graphml(path: str | os.PathLike[str]) -> OrgDocument:
    """Import plain or yEd GraphML. Raises :class:`LoadError` for unreadable or unsafe
    files and :class:`ImportProblems` listing every problem with its node."""
    p = Path(path)
    source = str(p)
    data = read_bounded(p, MAX_GRAPHML_BYTES, "imports")
    root = _guarded_root(data, source)
    if root.tag != f"{{{NS_GRAPHML}}}graphml" and root.tag != "graphml":
        raise LoadError(f"{source}: not a GraphML file (the root element is {root.tag!r}).")
    try:
        with warnings.catch_warnings():  # e.g. "No key type": harmless, not for the user
            warnings.simplefilter("ignore")
            yed_dotted = _yed_dotted_edges(root)
            graph = _read_graph(root, data)
    except (nx.NetworkXError, ValueError, KeyError, TypeError, SafeET.ParseError) as err:
        raise LoadError(f"{source}: not a GraphML graph OrgDesigner can read ({err}).") \
            from None
    return _document(graph, yed_dotted, root, source, p.stem)


def _read_graph(root: Any, data: bytes) -> nx.Graph:
    """networkx reads the tree defusedxml already parsed (no second parse); a file
    without the GraphML namespace goes through networkx's own repair instead."""
    graph_xml = root.find(f"{{{NS_GRAPHML}}}graph")
    if graph_xml is None:
        return nx.parse_graphml(data)
    reader = GraphMLReader()
    keys, defaults = reader.find_graphml_keys(root)
    _drop_unneeded_graphics(root, graph_xml, keys)
    return reader.make_graph(graph_xml, keys, defaults)


def _drop_unneeded_graphics(root: Any, graph_xml: Any, keys: dict[str, Any]) -> None:
    """yEd's drawing data is only needed for node labels when the nodes have no plain
    name or title attribute (line styles are read beforehand). Dropping it first spares
    networkx a dozen searches per element, most of the time of reading a large file."""
    graphics = {k.get("id"): k.get("yfiles.type") for k in root.iter(f"{{{NS_GRAPHML}}}key")
                if k.get("yfiles.type") in ("nodegraphics", "edgegraphics")}
    if not graphics:
        return
    plain = {v["name"] for k, v in keys.items() if v.get("for") == "node" and k not in graphics}
    labelled = bool({"name", "title", "first_name"} & set(_attribute_fields(plain)))
    drop = {k for k, kind in graphics.items() if kind == "edgegraphics" or labelled}
    data_tag = f"{{{NS_GRAPHML}}}data"
    for tag in ("node", "edge"):
        for element in graph_xml.iter(f"{{{NS_GRAPHML}}}{tag}"):
            for data in element.findall(data_tag):
                if data.get("key") in drop:
                    element.remove(data)


def _document(graph: nx.Graph, yed_dotted: set[tuple[str, str]], root: Any, source: str,
              title: str) -> OrgDocument:
    names: set[str] = set()
    for _, attrs in graph.nodes(data=True):
        names.update(attrs)
    fields = _attribute_fields(names - {"label"})
    managers: dict[str, list[str]] = defaultdict(list)
    dotted: dict[str, list[str]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for u, v in _edge_order(root):
        if (u, v) in seen or not graph.has_edge(u, v):
            continue
        seen.add((u, v))
        data = graph.get_edge_data(u, v) or {}
        if graph.is_multigraph():
            data = next(iter(data.values()), {})
        kind = str(data.get("kind", data.get("type", ""))).strip().casefold()
        if kind == LineKind.DOTTED.value or (u, v) in yed_dotted:
            dotted[v].append(u)
        else:
            managers[v].append(u)
    problems: list[str] = []
    drafts = [_draft(str(node), attrs, fields, managers, dotted, problems)
              for node, attrs in graph.nodes(data=True)]
    title = str(graph.graph.get("title", "") or title)
    return build_document(drafts, source=source, title=title, problems=problems,
                          manager_by=ManagerRef.ID, labels=fields)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _draft(node: str, attrs: dict[str, Any], fields: dict[str, str],
           managers: dict[str, list[str]], dotted: dict[str, list[str]],
           problems: list[str]) -> Draft:
    where = f"node {node!r}"
    values: dict[str, Any] = {}
    get = {f: attrs.get(a) for f, a in fields.items()}
    for f in ("title", "email", "phone", "notes"):
        if get.get(f) is not None:
            values[f] = _text(get[f])
    if get.get("name") is not None:
        values["holder"] = holder_name(_text(get["name"]))
    elif get.get("first_name") is not None or get.get("last_name") is not None:
        values["holder"] = holder_name(" ".join(
            t for t in (_text(get.get("first_name")), _text(get.get("last_name"))) if t))
    label = _text(attrs.get("label"))
    if label and "holder" not in values and "title" not in values:
        first, _, rest = label.partition("\n")
        values["holder"] = holder_name(first.strip())
        values["title"] = " ".join(rest.split())
    for f in ("fte", "cost"):
        value = get.get(f)
        if value is None or value == "":
            continue
        try:
            values[f] = float(value) if isinstance(value, int | float) and \
                not isinstance(value, bool) else parse_number(str(value), small=f == "fte")
        except ValueError:
            problems.append(f"{where}, {fields[f]}: {value!r} is not a number")
    facing = get.get("customer_facing")
    if facing is not None:
        try:
            values["customer_facing"] = facing if isinstance(facing, bool) \
                else parse_bool(str(facing))
        except ValueError:
            problems.append(f"{where}, {fields['customer_facing']}: {facing!r} is not "
                            "yes or no")
    kind = _text(get.get("kind")).casefold()
    if kind:
        if kind in _KINDS:
            values["kind"] = _KINDS[kind]
        else:
            problems.append(f"{where}, {fields['kind']}: {kind!r} is not one of "
                            + ", ".join(_KINDS))
    if get.get("tags") is not None:
        values["tags"] = tuple(t.strip() for t in _text(get["tags"]).split(";") if t.strip())
    unit = _text(get.get("unit"))
    solid = managers.get(node, [])
    return Draft(
        where=where, id=node.strip(), fields=values,
        manager=solid[0] if solid else "", solid_extra=tuple(solid[1:]),
        unit_path=tuple(p.strip() for p in unit.split(" > ") if p.strip()),
        dotted=tuple(dotted.get(node, ())),
    )


# -- export ----------------------------------------------------------------------------------
_NODE_KEYS = (  # (key id, attribute name, GraphML type)
    ("n_name", "name", "string"), ("n_title", "title", "string"),
    ("n_unit", "department", "string"), ("n_fte", "fte", "double"),
    ("n_cost", "cost", "double"), ("n_email", "email", "string"),
    ("n_phone", "phone", "string"), ("n_facing", "customer_facing", "boolean"),
    ("n_kind", "kind", "string"), ("n_tags", "tags", "string"),
    ("n_notes", "notes", "string"),
)


#: Values not written (the importer gives a missing attribute its default).
_DEFAULT_TEXT = {"n_name": (), "n_title": (), "n_fte": ("1.0", ""), "n_facing": ("false", ""),
                 "n_kind": (PositionKind.PERSON.value, "")}


def _xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (control characters other than tab/newline)."""
    if text.isprintable():
        return text
    return "".join(c for c in text if c in "\t\n\r" or c >= " " and c not in "\ufffe\uffff")


def _esc(text: str) -> str:
    """Text for XML content or a quoted attribute (a carriage return survives as &#13;)."""
    return html.escape(_xml_text(text), quote=True).replace("\r", "&#13;")


def graphml_bytes(doc: OrgDocument, scenario_id: str | None = None) -> bytes:
    """One scenario as GraphML with yEd graphics (written as text: the file is regular
    and this is many times faster than building an element tree)."""
    scenario = pick_scenario(doc, scenario_id)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<graphml xmlns="{NS_GRAPHML}" xmlns:y="{NS_Y}">']
    for key_id, name, kind in _NODE_KEYS:
        out.append(f' <key id="{key_id}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    out += [' <key id="n_graphics" for="node" yfiles.type="nodegraphics"/>',
            ' <key id="e_kind" for="edge" attr.name="kind" attr.type="string"/>',
            ' <key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>',
            ' <key id="g_title" for="graph" attr.name="title" attr.type="string"/>',
            f' <graph id="{_esc(scenario.id)}" edgedefault="directed">',
            f'  <data key="g_title">{_esc(doc.meta.title)}</data>']
    units = {u.id: u for u in scenario.units}
    paths: dict[str | None, str] = {}
    depths = OrgGraph(scenario).depths()
    order, _ = export_order(scenario)
    column: dict[int, int] = defaultdict(int)
    for i in order:
        p = scenario.positions[i]
        if p.unit_id not in paths:
            paths[p.unit_id] = _unit_path(units, p.unit_id)
        values = {"n_name": p.holder, "n_title": p.title, "n_unit": paths[p.unit_id],
                  "n_fte": repr(p.fte), "n_cost": "" if p.cost is None else repr(p.cost),
                  "n_email": p.email, "n_phone": p.phone,
                  "n_facing": "true" if p.customer_facing else "false",
                  "n_kind": p.kind.value, "n_tags": "; ".join(p.tags), "n_notes": p.notes}
        out.append(f'  <node id="{_esc(p.id)}">')
        out.extend(f'   <data key="{key_id}">{_esc(value)}</data>'
                   for key_id, value in values.items()
                   if value not in _DEFAULT_TEXT.get(key_id, ("",)))
        depth = depths.get(p.id, 1) - 1  # unreachable positions share the top row
        x, top = column[depth] * (_BOX_W + _GAP_X), depth * (_BOX_H + _GAP_Y)
        column[depth] += 1
        unit = units.get(p.unit_id or "")
        fill = (unit.color if unit and unit.color else "#FFFFFF").upper()
        border = ('<y:BorderStyle color="#333333" type="dashed" width="1.0"/>'
                  if p.vacant else "")
        label = "\n".join(t for t in (p.holder.strip() or "(vacant)", p.title) if t)
        out.append(
            f'   <data key="n_graphics"><y:ShapeNode>'
            f'<y:Geometry x="{x:.1f}" y="{top:.1f}" width="{_BOX_W}" height="{_BOX_H}"/>'
            f'<y:Fill color="{fill}" transparent="false"/>{border}'
            f'<y:NodeLabel alignment="center" autoSizePolicy="content" fontSize="12" '
            f'modelName="internal" modelPosition="c">{_esc(label)}</y:NodeLabel>'
            f'<y:Shape type="roundrectangle"/></y:ShapeNode></data>')
        out.append("  </node>")
    # A solid line is GraphML's plain edge (yEd draws it as a line, the importer reads it
    # as solid): one element instead of six keeps large files small and quick to read.
    for n, line in enumerate(scenario.lines):
        ends = f'id="e{n}" source="{_esc(line.manager_id)}" target="{_esc(line.report_id)}"'
        if line.kind is LineKind.DOTTED:
            out.append(
                f'  <edge {ends}><data key="e_kind">dotted</data><data key="e_graphics">'
                '<y:PolyLineEdge><y:LineStyle color="#555555" type="dashed" width="1.0"/>'
                '<y:Arrows source="none" target="none"/></y:PolyLineEdge></data></edge>')
        else:
            out.append(f"  <edge {ends}/>")
    out += [" </graph>", "</graphml>", ""]
    return "\n".join(out).encode("utf-8")


def _unit_path(units: dict[str, Any], unit_id: str | None) -> str:
    names: list[str] = []
    seen: set[str] = set()
    while unit_id is not None and unit_id in units and unit_id not in seen:
        seen.add(unit_id)
        names.append(units[unit_id].name)
        unit_id = units[unit_id].parent_id
    return " > ".join(reversed(names))


def export_graphml(doc: OrgDocument, path: str | os.PathLike[str],
                   scenario_id: str | None = None) -> None:
    """Write one scenario (the active one by default) as GraphML, atomically."""
    data = graphml_bytes(doc, scenario_id)
    with atomic_output(path) as handle:
        handle.write(data)
