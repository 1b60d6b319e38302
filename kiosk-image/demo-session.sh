#!/usr/bin/env bash
# Starts a kiosk session in demo mode from a build folder, the way `make demo`
# does: embedded defaults (a local SQLite file in the user's data folder, the
# built-in demo municipality, no network), with the delivery agent beside the
# kiosk as on a real machine. Without a screen the kiosk runs on a virtual one.
set -euo pipefail
build=$(realpath "${1:-build}")
export KERNPUNT_LOCALEDIR="$build/locales"
export KERNPUNT_CONTENT_DIR="$(dirname "$(realpath "$0")")/../ui/guide"

"$build/src/syncd/kernpunt-syncd" &
syncd=$!
trap 'kill "$syncd" 2>/dev/null || true' EXIT

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No screen here: the kiosk starts on a virtual screen (Xvfb). Stop it with Ctrl+C."
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/app/kernpunt"
else
  "$build/src/app/kernpunt"
fi
