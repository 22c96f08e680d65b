"""The Linux desktop integration files: the .desktop entry, AppStream metainfo and icons.

The two validators are the freedesktop.org and AppStream reference tools
(installed by ``packaging/system-deps.sh``); where one is missing its test is
skipped with a reason naming it. The checks after them need no tools: they
keep the files in step with the package (app id, name, version, icon sizes).
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import reader

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{reader.APP_ID}.desktop"
METAINFO = PACKAGING / f"{reader.APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; packaging/system-deps.sh)")
    return path


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_desktop_file_validates() -> None:
    result = _run(_tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # Hints are advice; errors and warnings are not.
    assert "error:" not in output and "warning:" not in output, output


def test_metainfo_validates() -> None:
    # --no-net: CI must not depend on the screenshot URL being reachable.
    result = _run(_tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_app_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Name"] == reader.APP_NAME
    assert entry["Exec"].split()[0] == "corpus-reader"
    # Icon themes and Wayland compositors look the icon up by the app id.
    assert entry["Icon"] == reader.APP_ID
    assert entry["Terminal"] == "false"


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_metainfo_describes_this_app() -> None:
    root = _metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == reader.APP_ID
    assert root.findtext("name") == reader.APP_NAME
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.find("content_rating[@type='oars-1.1']") is not None
    # No remote addresses the project does not serve.
    assert root.find("url") is None and root.find("screenshots") is None


def test_metainfo_lists_the_current_version_first() -> None:
    # Software centres show the newest <release> as the version on offer.
    releases = _metainfo().findall("releases/release")
    assert releases, "no <release> in the metainfo"
    assert releases[0].get("version") == reader.__version__


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_has_its_size(size: int) -> None:
    assert _png_size(ICONS / f"corpus-reader-{size}.png") == (size, size)


def test_icon_svg_is_square() -> None:
    svg = ET.parse(ICONS / "corpus-reader.svg").getroot()
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    assert width == height


@pytest.mark.parametrize(
    ("name", "magic"),
    [("corpus-reader.ico", b"\x00\x00\x01\x00"), ("corpus-reader.icns", b"icns")],
)
def test_windows_and_macos_icons_exist(name: str, magic: bytes) -> None:
    assert (ICONS / name).read_bytes().startswith(magic)
