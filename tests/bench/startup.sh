#!/usr/bin/env bash
# Start-up time to a mapped home screen, and the memory (PSS) of the running
# kiosk, each the median of RUNS starts under Xvfb. Prints figures; asserts
# nothing about them (timing belongs in a benchmark, not in a test).
#   usage: startup.sh KERNPUNT_BINARY [RUNS]
set -euo pipefail
app=$1
runs=${2:-5}
work=$(mktemp -d)
trap 'kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.05; done

export DISPLAY=$display GDK_BACKEND=x11 HOME=$work XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
cat >"$work/kiosk.conf" <<CONF
[storage]
data-dir=$work/data
[speech]
output-folder=$work/speech
CONF

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for run in $(seq "$runs"); do
  start=$(date +%s%N)
  "$app" --config "$work/kiosk.conf" >"$work/app.log" 2>&1 &
  pid=$!
  mapped=""
  for _ in $(seq 3000); do
    if xwininfo -display "$display" -root -tree 2>/dev/null | grep -q '"Kernpunt"'; then
      if xwininfo -display "$display" -name Kernpunt 2>/dev/null | grep -q 'Map State: IsViewable'; then
        mapped=$(date +%s%N)
        break
      fi
    fi
    sleep 0.005
  done
  [ -n "$mapped" ] || { echo "run $run: the home screen never mapped"; cat "$work/app.log"; exit 1; }
  sleep 2 # let it settle before measuring memory
  pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (mapped - start) / 1000000 )) $pss" >>"$work/figures"
  echo "run $run: mapped after $(( (mapped - start) / 1000000 )) ms, PSS $pss kB"
done

echo "start-up to mapped home screen, median of $runs: $(cut -d' ' -f1 "$work/figures" | median) ms"
echo "PSS of the running kiosk, median of $runs: $(cut -d' ' -f2 "$work/figures" | median) kB"
