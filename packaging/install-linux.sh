#!/usr/bin/env bash
# Installs the built bundle for the current user (no root needed):
#   ~/.local/opt/stride-planner/                     the bundle (replaced on every install)
#   ~/.local/bin/stride-planner                      a link to its executable, for the command line
#   ~/.local/share/applications/<id>.desktop          the menu entry
#   ~/.local/share/icons/hicolor/scalable/apps/<id>.svg
#   ~/.local/share/metainfo/<id>.metainfo.xml         for software centres
# Run `bash packaging/install-linux.sh --uninstall` to remove all of it (your plans and database stay).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
app_id=io.github.strideplanner.StridePlanner
data="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/stride-planner"
bin="$HOME/.local/bin"
bundle="${BUNDLE_DIR:-$here/dist/stride-planner}"

refresh_caches() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  rm -f "$bin/stride-planner" "$data/applications/$app_id.desktop" \
        "$data/icons/hicolor/scalable/apps/$app_id.svg" "$data/metainfo/$app_id.metainfo.xml"
  refresh_caches
  echo "Stride Planner removed (your data folder was left in place)."
  exit 0
fi

if [ ! -x "$bundle/stride-planner" ]; then
  echo "install-linux: no bundle at $bundle; build it first with: bash packaging/build_bundle.sh" >&2
  exit 1
fi

mkdir -p "$(dirname "$opt")" "$bin" "$data/applications" "$data/icons/hicolor/scalable/apps" "$data/metainfo"
# Copy beside, then swap, so a failed copy never leaves half an app behind.
rm -rf "$opt.new"
cp -a "$bundle" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"
ln -sfn "$opt/stride-planner" "$bin/stride-planner"

# The menu entry runs the installed copy by its full path, so it works even when ~/.local/bin is not on PATH.
sed -e "s|^Exec=stride-planner|Exec=$opt/stride-planner|" -e "/^Exec=/a TryExec=$opt/stride-planner" \
  "$here/$app_id.desktop" > "$data/applications/$app_id.desktop"
icon="$repo/resources/icons/stride-planner.svg"
[ -f "$icon" ] || icon="$opt/_internal/planner/_resources/icons/stride-planner.svg"
if [ -f "$icon" ]; then
  cp "$icon" "$data/icons/hicolor/scalable/apps/$app_id.svg"
else
  echo "install-linux: warning: no icon found (resources/icons/stride-planner.svg); the menu shows a generic one" >&2
fi
cp "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
refresh_caches

echo "Stride Planner installed in $opt"
echo "Start it from the applications menu, or run: $bin/stride-planner"
case ":$PATH:" in *":$bin:"*) ;; *) echo "(add $bin to PATH to type just 'stride-planner')" ;; esac
