"""The ready-made templates: the nine structures of the customer-organisation texts.

Each template is a committed ``.orgchart`` file under ``resources/templates/``; its
``meta.description`` is the one line the command line and the "New from template" dialog
show. Loading a template gives a fresh document (new created/modified stamps) that the user
then saves under a name of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdesigner.assets import resource_path
from orgdesigner.errors import OrgDesignerError
from orgdesigner.io import native
from orgdesigner.model.document import OrgDocument, now_iso

__all__ = ["TEMPLATE_NAMES", "TemplateInfo", "list_templates", "load_template", "template_path"]

#: Template names in the order DOMAIN.md discusses the structures.
TEMPLATE_NAMES: tuple[str, ...] = (
    "functional",
    "decentralised",
    "centralised-crm",
    "hybrid",
    "customer-division",
    "chief-customer-officer",
    "customer-centric",
    "account-teams",
    "nordstrom",
)

_ALIASES = {
    "decentralized": "decentralised",
    "centralized-crm": "centralised-crm",
    "centralised": "centralised-crm",
    "centralized": "centralised-crm",
    "cco": "chief-customer-officer",
    "inverted": "nordstrom",
    "inverted-pyramid": "nordstrom",
}


@dataclass(frozen=True)
class TemplateInfo:
    """One template as a list shows it."""

    name: str
    title: str
    description: str
    path: Path


def template_path(name: str) -> Path:
    """The file of the template ``name`` (case and ``_``/``-`` do not matter).

    Raises OrgDesignerError naming the known templates when there is no such template.
    """
    key = name.strip().casefold().replace("_", "-").replace(" ", "-")
    key = _ALIASES.get(key, key)
    if key not in TEMPLATE_NAMES:
        raise OrgDesignerError(
            f"unknown template {name!r}; the templates are: {', '.join(TEMPLATE_NAMES)}"
        )
    path = resource_path("templates", f"{key}.orgchart")
    if not path.is_file():
        raise OrgDesignerError(f"template {key!r} is missing from this installation ({path})")
    return path


def _read(path: Path) -> OrgDocument:
    """Parse a bundled template like any saved file (version check, migrations, ids)."""
    return native.load(path)


def list_templates() -> list[TemplateInfo]:
    """Every bundled template with its title and one-line description, in DOMAIN.md order."""
    infos = []
    for name in TEMPLATE_NAMES:
        path = template_path(name)
        meta = _read(path).meta
        infos.append(TemplateInfo(name, meta.title, meta.description, path))
    return infos


def load_template(name: str) -> OrgDocument:
    """A new document built from the template ``name``, stamped as created now."""
    doc = _read(template_path(name))
    stamp = now_iso()
    return doc.model_copy(
        update={"meta": doc.meta.model_copy(update={"created": stamp, "modified": stamp})}
    )
