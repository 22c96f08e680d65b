#!/usr/bin/env bash
# Builds the one-folder Corpus Reader app and an archive of it, from a clean checkout.
#
#   packaging/build.sh [--dist DIR] [--work DIR] [--no-archive]
#
# Produces DIR/corpus-reader/ (default dist/) and
# DIR/corpus-reader-<version>-linux-<arch>.tar.gz, then prints the bundle's size.
# Uses the project's .venv (creating it if absent) and installs the `package`
# extra (PyInstaller) into it if missing. CORPUS_READER_TRIM=0 builds untrimmed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/dist"
work="$root/build"
archive=1

while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist="$(realpath -m "$2")"; shift 2 ;;
    --work) work="$(realpath -m "$2")"; shift 2 ;;
    --no-archive) archive=0; shift ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

cd "$root"
venv="${VENV:-$root/.venv}"
py="$venv/bin/python"

if [ ! -x "$py" ]; then
  echo "build.sh: creating $venv"
  "${PYTHON:-python3}" -m venv "$venv"
  "$py" -m pip install --quiet --upgrade pip
fi
# The project itself must be installed too: PyInstaller follows its
# dependencies through the venv's site-packages.
if ! "$py" -c 'import PyInstaller, reader' >/dev/null 2>&1; then
  echo "build.sh: installing the package extra (PyInstaller)"
  "$py" -m pip install --quiet -e ".[package]"
fi

version="$("$py" -c 'import reader; print(reader.__version__)')"
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) os="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
esac
arch="$(uname -m)"
bundle="$dist/corpus-reader"

echo "build.sh: building Corpus Reader $version into $bundle"
# --clean: a stale work folder from another venv or PySide6 version has
# produced bundles that crash at start; a clean build costs seconds.
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" \
  packaging/corpus-reader.spec

if [ "$os" = linux ] && command -v strip >/dev/null; then
  # spaCy's, thinc's and blis's Cython modules carry symbol tables that are
  # most of their size (spaCy 111 MB -> 14 MB), libpython 17 MB of its 23.
  # Dynamic symbols stay. The libraries that auditwheel or the Qt wheels
  # patched (numpy.libs, PySide6, shiboken6) are left alone: strip breaks them.
  find "$bundle/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) \
    -not -path '*.libs/*' -not -path '*/PySide6/*' -not -path '*/shiboken6/*' \
    -exec strip --strip-unneeded {} +
fi

if [ "$os" = linux ]; then
  # Desktop integration, laid out like an XDG prefix so installing is one copy
  # (see packaging/README.md).
  share="$bundle/share"
  app_id=org.corpusreader.CorpusReader
  install -Dm644 "packaging/$app_id.desktop" "$share/applications/$app_id.desktop"
  install -Dm644 "packaging/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
  install -Dm644 resources/icons/corpus-reader.svg "$share/icons/hicolor/scalable/apps/$app_id.svg"
  for png in resources/icons/corpus-reader-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    install -Dm644 "$png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
fi

size_mb="$(du -sm "$bundle" | cut -f1)"
echo "build.sh: bundle $bundle: ${size_mb} MB on disk ($(find "$bundle" -type f | wc -l) files)"

if [ "$archive" = 1 ] && [ "$os" != linux ]; then
  # GNU tar below; macOS and Windows hand out a .dmg / .zip (packaging/README.md).
  echo "build.sh: no archive on $os"
elif [ "$archive" = 1 ]; then
  tarball="$dist/corpus-reader-$version-$os-$arch.tar.gz"
  # Same tree, same archive: sorted names, no build-machine owners, and
  # timestamps pinned to the last commit.
  mtime="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
    -C "$dist" -cf - corpus-reader | gzip -n -6 >"$tarball"
  echo "build.sh: archive $tarball: $(du -m "$tarball" | cut -f1) MB"
fi
