"""Render the app icon's PNG sizes (and the Windows .ico / macOS .icns) from its SVG.

    .venv/bin/python packaging/render_icons.py

Writes ``resources/icons/corpus-reader-<N>.png`` for the sizes the Linux icon
theme spec and the stores ask for, plus ``corpus-reader.ico`` and
``corpus-reader.icns`` for the Windows and macOS builds. Both containers hold
PNG images, which every supported Windows and macOS version reads, so no
imaging library beyond Qt is needed. Run it after editing the SVG and commit
the results.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "corpus-reader.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# OSType of each PNG size in an .icns file (Apple's Icon Services types).
ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square, on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (ICONDIR, ICONDIRENTRYs, then the data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, png in sorted(images.items()):
        # Width and height are one byte each; 0 stands for 256.
        side = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images: a header, then (type, length, data) blocks."""
    blocks = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
        for size, png in sorted(images.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(blocks)) + blocks


def main() -> int:
    # No window is shown; this also lets it run on a headless build machine.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: {SVG.name} is not a valid SVG", file=sys.stderr)
        return 1
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES))
    rendered = {size: render(renderer, size) for size in sizes}
    for size in PNG_SIZES:
        (ICONS / f"corpus-reader-{size}.png").write_bytes(rendered[size])
    (ICONS / "corpus-reader.ico").write_bytes(ico({s: rendered[s] for s in ICO_SIZES}))
    (ICONS / "corpus-reader.icns").write_bytes(icns({s: rendered[s] for s in ICNS_TYPES}))
    print(f"render_icons: wrote {len(PNG_SIZES)} PNGs, .ico and .icns to {ICONS.name}/")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
