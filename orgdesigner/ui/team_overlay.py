"""How cross-functional teams show on the canvas.

Every member of a team gets a coloured outline and a small badge with the team's initials
on its box; members that sit together (boxes next to each other with no outsider between
them) are framed as a group with the team's name, the "team frame". Selecting a team in
the teams panel highlights its members. The overlay is a scene item above the chart: it
reads the boxes' places from the scene's geometry by position id and the teams from the
document, after every change; it never changes either.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.layout.geometry import Box
from orgdesigner.model.document import Scenario, Team
from orgdesigner.ui.canvas.painting import font_for
from orgdesigner.ui.canvas.presenter import ChartPresenter
from orgdesigner.ui.canvas.scene import ChartScene

__all__ = ["BoxOverlay", "TeamOverlay", "TeamFrame", "team_colour", "team_initials",
           "TEAM_PALETTE", "team_frames"]

#: Colours given to teams that have none of their own, in order.
TEAM_PALETTE = ("#8e44ad", "#16a085", "#d35400", "#2c3e50", "#c0392b", "#27ae60",
                "#2980b9", "#b7950b")
#: Two member boxes this close (points) sit together.
TOGETHER_GAP = 60.0
BADGE = 7.0


def team_colour(scenario: Scenario, team: Team) -> QColor:
    """The team's own colour, else one of the palette by its place in the scenario."""
    if team.color:
        return QColor(team.color)
    index = next((i for i, t in enumerate(scenario.teams) if t.id == team.id), 0)
    return QColor(TEAM_PALETTE[index % len(TEAM_PALETTE)])


def team_initials(name: str) -> str:
    """Up to two letters for a badge: "Account team: Hansa Logistik" -> "HL"."""
    words = [w for w in name.split(":")[-1].split() if w[:1].isalnum()]
    return ("".join(w[0] for w in words[:2]) or name[:1] or "?").upper()


@dataclass(frozen=True)
class TeamFrame:
    """A group of members sitting together, framed with the team's name."""

    team_id: str
    rect: QRectF
    members: tuple[str, ...]


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.w, box.h)


def team_frames(presenter: ChartPresenter, team: Team) -> list[TeamFrame]:
    """Groups of at least two drawn members whose boxes are near each other and whose
    common rectangle holds no box of a non-member."""
    scene = presenter.scene
    boxes = [b for m in dict.fromkeys(team.member_ids) if (b := scene.box(m)) is not None]
    # Union-find over "close enough" pairs (teams are small: pairs are cheap).
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grown = [_rect(b).adjusted(-TOGETHER_GAP / 2, -TOGETHER_GAP / 2, TOGETHER_GAP / 2,
                               TOGETHER_GAP / 2) for b in boxes]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if grown[i].intersects(grown[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Box]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault(find(i), []).append(b)
    members = set(team.member_ids)
    frames = []
    for group in groups.values():
        for run in _clean_runs(scene, group, members):
            rect = QRectF()
            for b in run:
                rect = rect.united(_rect(b))
            frames.append(TeamFrame(team.id, rect.adjusted(-10, -30, 10, 10),
                                    tuple(b.id for b in run)))
    return frames


def _outsider_in(scene: ChartScene, boxes: list[Box], members: set[str]) -> bool:
    rect = QRectF()
    for b in boxes:
        rect = rect.united(_rect(b))
    inner = rect.adjusted(1, 1, -1, -1)
    return any(b.id not in members and _rect(b).intersects(inner)
               for b in scene.index.boxes_in(inner))


def _clean_runs(scene: ChartScene, group: list[Box], members: set[str]) -> list[list[Box]]:
    """The group itself when no outsider sits inside its rectangle; else its runs of
    neighbours along each row (same top edge), split where an outsider sits between."""
    if len(group) < 2:
        return []
    if not _outsider_in(scene, group, members):
        return [group]
    rows: dict[float, list[Box]] = {}
    for b in group:
        rows.setdefault(round(b.y, 1), []).append(b)
    runs: list[list[Box]] = []
    for row in rows.values():
        row.sort(key=lambda b: b.x)
        run: list[Box] = []
        for b in row:
            if run and (b.x - (run[-1].x + run[-1].w) > TOGETHER_GAP
                        or _outsider_in(scene, [run[-1], b], members)):
                runs.append(run)
                run = []
            run.append(b)
        runs.append(run)
    return [r for r in runs if len(r) >= 2]


class BoxOverlay(QGraphicsItem):
    """An item as large as the chart, laid over it, repainted after every layout."""

    def __init__(self, presenter: ChartPresenter, z: float) -> None:
        super().__init__()
        self.presenter = presenter
        self.setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._bounds = QRectF()
        presenter.scene.addItem(self)
        presenter.relaid_out.connect(self.refresh)

    def refresh(self) -> None:
        """Read the document and the layout again."""
        b = self.presenter.scene.geometry.bounds
        self.prepareGeometryChange()
        self._bounds = QRectF(b.x, b.y, b.w, b.h).adjusted(-60, -60, 60, 60)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds


class TeamOverlay(BoxOverlay):
    """Team outlines, badges and frames; ``highlight(team_id)`` marks one team."""

    def __init__(self, presenter: ChartPresenter) -> None:
        super().__init__(presenter, 5.0)
        self.highlighted: str | None = None
        #: position id -> [(team id, colour, initials)] for the drawn members.
        self.marks: dict[str, list[tuple[str, QColor, str]]] = {}
        self.frames: list[TeamFrame] = []
        self.refresh()

    def highlight(self, team_id: str | None) -> None:
        self.highlighted = team_id
        self.update()

    def refresh(self) -> None:
        scenario = self.presenter.scenario
        scene = self.presenter.scene
        self.marks = {}
        self.frames = []
        for team in scenario.teams:
            colour = team_colour(scenario, team)
            initials = team_initials(team.name)
            for m in dict.fromkeys(team.member_ids):
                if scene.box(m) is not None:
                    self.marks.setdefault(m, []).append((team.id, colour, initials))
            self.frames += team_frames(self.presenter, team)
        if self.highlighted is not None and not any(t.id == self.highlighted
                                                    for t in scenario.teams):
            self.highlighted = None
        super().refresh()

    def highlighted_members(self) -> list[str]:
        """The drawn boxes the highlight marks (tests and the panel read it)."""
        return [pid for pid, teams in self.marks.items()
                if any(t == self.highlighted for t, _c, _i in teams)]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect.adjusted(-30, -30, 30, 30)
        scene = self.presenter.scene
        dpi = widget.logicalDpiY() if widget is not None else 96
        colours = {t: c for teams in self.marks.values() for t, c, _i in teams}
        names = {t.id: t.name for t in self.presenter.scenario.teams}
        for frame in self.frames:
            if not frame.rect.intersects(exposed):
                continue
            colour = colours.get(frame.team_id, QColor("#555555"))
            strong = frame.team_id == self.highlighted
            pen = QPen(colour, 2.5 if strong else 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(colour)
            fill.setAlpha(40 if strong else 18)
            painter.setBrush(fill)
            painter.drawRoundedRect(frame.rect, 10, 10)
            painter.setFont(font_for(8.0, True, dpi))
            painter.setPen(colour.darker(120))
            painter.drawText(QRectF(frame.rect.x() + 8, frame.rect.y() + 3,
                                    frame.rect.width() - 16, 16),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             names.get(frame.team_id, ""))
        badge_font = font_for(6.5, True, dpi)
        for pid, teams in self.marks.items():
            box = scene.box(pid)
            if box is None:
                continue
            r = _rect(box)
            if not r.intersects(exposed):
                continue
            for k, (team_id, colour, initials) in enumerate(teams):
                strong = team_id == self.highlighted
                pen = QPen(colour, 4.0 if strong else 2.0)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                grow = 3.0 + 3.5 * k
                painter.drawRoundedRect(r.adjusted(-grow, -grow, grow, grow), 5, 5)
                centre = QPointF(r.right() - BADGE - k * (2 * BADGE + 2), r.top() - BADGE + 1)
                painter.setPen(QPen(QColor("#ffffff"), 1.2))
                painter.setBrush(colour)
                painter.drawEllipse(centre, BADGE, BADGE)
                painter.setFont(badge_font)
                painter.setPen(QColor("#ffffff"))
                painter.drawText(QRectF(centre.x() - BADGE, centre.y() - BADGE, 2 * BADGE,
                                        2 * BADGE), Qt.AlignmentFlag.AlignCenter, initials)
            chosen = [c for t, c, _i in teams if t == self.highlighted]
            if chosen:
                glow = QColor(chosen[0])
                glow.setAlpha(45)
                painter.fillRect(r, glow)

