"""Pictures of the chart as the canvas draws it: PNG (QImage) and SVG (QSvgGenerator).

The scene is rendered over its items' bounding rectangle with a margin, so what is exported
is what the canvas shows. A PNG of a very large chart is scaled down to stay within
``MAX_SIDE`` pixels a side and ``MAX_PIXELS`` in all (a 100,000-position chart would
otherwise ask for gigabytes).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene, QStyleOptionGraphicsItem

from orgdesigner.errors import OrgDesignerError

__all__ = ["ImageFormat", "MAX_PIXELS", "MAX_SIDE", "chart_rect", "encode_png", "paint_region",
           "render_chart", "render_png", "render_png_image", "render_svg"]

#: Points of white space around the chart.
MARGIN = 24.0
#: Pixels per point for PNG when the chart is small enough (sharp on high-DPI screens).
PNG_SCALE = 2.0
MAX_SIDE = 16_000
#: 48 million pixels: about 190 MB while painting and a few seconds to encode.
MAX_PIXELS = 48_000_000
#: Qt's PNG "quality" 85 is zlib's fastest level: about twice as quick as the default for
#: a third more bytes, on pictures of tens of millions of pixels.
PNG_QUALITY = 85
#: Pixels per strip when painting a PNG (progress and Cancel between strips).
PNG_STRIP_PIXELS = 1024


class ImageFormat(enum.Enum):
    PNG = ".png"
    SVG = ".svg"

    @property
    def suffix(self) -> str:
        return self.value


def chart_rect(scene: QGraphicsScene) -> QRectF:
    """The area the visible items cover (hidden marks and ghosts do not count)."""
    # Not item.parentItem(): on PySide6 6.11 asking a top-level item for its (None) parent
    # makes the scene lose the item. Children lie within their parents anyway.
    rect = QRectF()
    for item in scene.items():
        if item.isVisible():
            rect = rect.united(item.sceneBoundingRect())
    return rect


def _source_rect(scene: QGraphicsScene) -> QRectF:
    rect = chart_rect(scene)
    if rect.isEmpty():
        raise OrgDesignerError("The chart is empty: there is nothing to export.")
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def png_scale(width: float, height: float, scale: float = PNG_SCALE) -> float:
    """The pixels-per-point factor for a ``width`` x ``height`` point chart, within limits."""
    limit = min(scale, MAX_SIDE / width, MAX_SIDE / height,
                math.sqrt(MAX_PIXELS / (width * height)))
    return max(limit, 1e-3)


def paint_region(painter: QPainter, scene: QGraphicsScene, region: QRectF) -> None:
    """Paint the visible items over ``region`` (scene coordinates), bottom to top, each told
    that only ``region`` is exposed (``QGraphicsScene.render`` tells every item that all of
    it is, so painting a picture in strips with it would paint the whole chart per strip)."""
    items = scene.items(region, Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                        Qt.SortOrder.AscendingOrder)
    for item in items:
        if not item.isVisible():
            continue
        to_scene = item.sceneTransform()
        to_item, invertible = to_scene.inverted()
        if not invertible:
            continue
        option = QStyleOptionGraphicsItem()
        option.exposedRect = to_item.mapRect(region).intersected(item.boundingRect())
        painter.save()
        painter.setTransform(to_scene, True)
        item.paint(painter, option, None)
        painter.restore()


def render_png_image(scene: QGraphicsScene, *, scale: float = PNG_SCALE,
                     progress: Callable[[int, int], bool] | None = None) -> QImage | None:
    """The scene painted on a white image, in vertical strips of ``PNG_STRIP_PIXELS``
    (GUI thread: it paints the scene). ``progress(done, strips)`` may return False to
    cancel, which returns None."""
    source = _source_rect(scene)
    factor = png_scale(source.width(), source.height(), scale)
    size = QSize(max(1, math.ceil(source.width() * factor)),
                 max(1, math.ceil(source.height() * factor)))
    image = QImage(size, QImage.Format.Format_RGB32)  # opaque: a smaller, quicker PNG
    if image.isNull():
        raise OrgDesignerError(
            f"Not enough memory for a {size.width()} x {size.height()} pixel picture.")
    image.fill(QColor(Qt.GlobalColor.white))
    to_image = QTransform().scale(factor, factor).translate(-source.left(), -source.top())
    to_scene = to_image.inverted()[0]
    strips = max(1, math.ceil(size.width() / PNG_STRIP_PIXELS))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    try:
        for i in range(strips):
            left = i * size.width() // strips
            right = (i + 1) * size.width() // strips
            pixels = QRect(left, 0, right - left, size.height())  # whole pixels: no seams
            painter.resetTransform()
            painter.setClipRect(pixels)
            painter.setTransform(to_image)
            paint_region(painter, scene, to_scene.mapRect(QRectF(pixels)))
            if progress is not None and not progress(i + 1, strips):
                return None
    finally:
        painter.end()
    return image


def encode_png(image: QImage) -> bytes:
    """PNG bytes of ``image``; safe on a worker thread (Qt lets go of Python meanwhile)."""
    return _encode(lambda buffer: image.save(buffer, "PNG", PNG_QUALITY))


def render_png(scene: QGraphicsScene, *, scale: float = PNG_SCALE) -> bytes:
    """The scene as PNG bytes on a white background."""
    image = render_png_image(scene, scale=scale)
    assert image is not None  # only a progress callback cancels
    return encode_png(image)


def render_svg(scene: QGraphicsScene, *, title: str = "") -> bytes:
    """The scene as an SVG drawing, one SVG unit per point.

    One pass on the GUI thread: painting in strips (to report progress) would need
    clipping, which QSvgGenerator does not write, so a wide background shape painted with
    a later strip would cover the boxes of the earlier ones."""
    source = _source_rect(scene)
    target = QRectF(0, 0, source.width(), source.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(math.ceil(target.width()), math.ceil(target.height())))
    generator.setViewBox(target)
    generator.setTitle(title or "Organisation chart")
    generator.setDescription("Exported by OrgDesigner")
    painter = QPainter(generator)
    try:
        painter.fillRect(target, QColor(Qt.GlobalColor.white))
        scene.render(painter, target, source)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def render_chart(scene: QGraphicsScene, fmt: ImageFormat, *, title: str = "") -> bytes:
    """PNG or SVG bytes of the scene."""
    if fmt is ImageFormat.PNG:
        return render_png(scene)
    return render_svg(scene, title=title)


def _encode(save: Callable[[QBuffer], bool]) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not save(buffer):
        raise OrgDesignerError("The picture could not be encoded.")
    buffer.close()
    return bytes(data.data())
