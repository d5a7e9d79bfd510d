#!/usr/bin/env bash
# window-bench.sh — the production binary in a real window under Xvfb, at 2k nodes/10k ties and
# 10k/50k: process start → graph drawn, then redraws per second while the map is panned with real
# X input (xdotool drags on empty canvas), counted by the app's debug frame counter
# (PLEXUS_DEBUG_FRAMES=1: "frames renders=R raf=F window=1s" lines in plexus.log). Prints a table
# and writes it into docs/benchmarks.md between <!-- window-bench:LABEL:start/end --> markers.
# Not part of `make test`: `make window-bench` (LABEL=before|after, default "latest").
#
# Environment:
#   LABEL=after           the block of docs/benchmarks.md to (re)write; WRITE_DOC=0 writes nothing
#   SIZES="2000:10000 10000:50000"   nodes:ties for each run
#   PAN_SECONDS=8         how long each run pans
#   DRAW_TIMEOUT=240      seconds to wait for the first draw
#   SKIP_BUILD=1          reuse build/bin/plexus (built by an earlier run with a current frontend/dist)
#   PLNSYNTH=path         a plnsynth binary instead of `go run ./backend/synth/cmd/plnsynth` (a
#                         "before" run in an older checkout that has no backend/synth)
# Artifacts in artifacts/window-bench/: a screenshot and the log of each size, the table.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=build/scripts/xvfb.sh
source build/scripts/xvfb.sh
# A fresh webview state (XDG_DATA_HOME: localStorage) per run, as in window-test.sh.
xdg=$(mktemp -d)
export XDG_DATA_HOME="$xdg/data" XDG_CACHE_HOME="$xdg/cache" XDG_CONFIG_HOME="$xdg/config"

LABEL=${LABEL:-latest}
SIZES=${SIZES:-"2000:10000 10000:50000"}
PAN_SECONDS=${PAN_SECONDS:-8}
DRAW_TIMEOUT=${DRAW_TIMEOUT:-240}
WRITE_DOC=${WRITE_DOC:-1}
out=artifacts/window-bench
doc=docs/benchmarks.md

say() { echo "window-bench: $*"; }
die() { echo "window-bench: error: $*" >&2; exit 1; }

[[ $LABEL =~ ^[a-z0-9-]+$ ]] || die "LABEL must be lower-case letters, digits and dashes (got '$LABEL')"
[[ $PAN_SECONDS =~ ^[0-9]+$ && $PAN_SECONDS -ge 3 ]] || die "PAN_SECONDS must be a whole number ≥ 3"
missing=()
for t in Xvfb xdotool import convert node go; do command -v "$t" >/dev/null || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing ${missing[*]} (Debian: sudo apt-get install -y xvfb xdotool imagemagick; Go and Node.js: see README)"
fi

mkdir -p "$out" build/bin
work=$(mktemp -d)
app=""
XVFB_PID=""

# stop_app: SIGTERM (a clean close of the store), then SIGKILL after 10 s.
stop_app() {
  [ -n "$app" ] || return 0
  kill -TERM "$app" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
}
cleanup() {
  stop_app
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building the frontend and the production binary"
  (cd frontend && npm run build >"$work/frontend-build.log" 2>&1) || { tail -30 "$work/frontend-build.log"; die "the frontend build failed"; }
  go build -tags desktop,production,webkit2_41 -ldflags "-w -s" -o build/bin/plexus . || die "go build failed"
fi
[ -x build/bin/plexus ] || die "build/bin/plexus is missing (run without SKIP_BUILD=1)"

# generate FILE NODES TIES: a Plexus backup of a synthetic network from the shared generator
# (backend/synth, seed 1; its ego id goes to the log); prints the generator's name.
generate() {
  if [ -n "${PLNSYNTH:-}" ]; then
    "$PLNSYNTH" -nodes "$2" -ties "$3" -out "$1" >"$work/gen.log" 2>&1 || { cat "$work/gen.log" >&2; die "plnsynth failed"; }
  else
    go run ./backend/synth/cmd/plnsynth -nodes "$2" -ties "$3" -out "$1" >"$work/gen.log" 2>&1 || { cat "$work/gen.log" >&2; die "plnsynth failed"; }
  fi
  echo "backend/synth (plnsynth)"
}

# log_ms LINE: the epoch milliseconds of a slog text line's time=.
log_ms() {
  local t; t=$(sed -E 's/^time=([^ ]+) .*/\1/' <<<"$1")
  date -d "$t" +%s%3N
}

# wait_for LOG PATTERN SECONDS: waits for PATTERN in LOG while the app runs; prints the last match.
wait_for() {
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    if grep -q "$2" "$1" 2>/dev/null; then grep "$2" "$1" | tail -1; return 0; fi
    kill -0 "$app" 2>/dev/null || { say "the app exited before logging '$2'; its output:" >&2; tail -20 "$work/stdout.log" >&2; return 1; }
    sleep 0.2
  done
  say "no '$2' in $1 after $3 s; the log ends:" >&2
  tail -20 "$1" >&2
  return 1
}

# pan SECONDS X Y: one long pan with real X input: press on empty canvas at (X, Y) — the empty
# left margin of the fitted, square network, clear of the legend — then keep moving, ~16 ms a
# step, to and fro between X and X + 300 (one second each way) with a small vertical wave, and
# release where it started after about SECONDS. One drag, so sigma's release inertia plays once.
pan() {
  local end=$((SECONDS + $1)) x=$2 y=$3 i k args
  xdotool mousemove "$x" "$y" sleep 0.2 mousedown 1
  while [ $SECONDS -lt $end ]; do
    args=()
    for i in $(seq 0 119); do # two seconds: right, then back
      k=$((i < 60 ? i : 120 - i))
      args+=(mousemove "$((x + k * 5))" "$((y + (k % 20 < 10 ? k % 20 : 20 - k % 20) * 2))" sleep 0.016)
    done
    xdotool "${args[@]}"
  done
  xdotool mousemove "$x" "$y" sleep 0.3 mouseup 1
}

# frames_rate LOG FROM TO: renders/s and rAF/s over the "frames" lines FROM..TO of LOG (line
# numbers), and the number of lines used: "renders_per_s raf_per_s lines".
frames_rate() {
  sed -n "$2,$3p" "$1" | grep ' msg=frames ' | awk '
    function ms(d,   v) { v = d; if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
                          if (v ~ /m/) { split(v, p, "m"); sub(/s$/, "", p[2]); return (p[1] * 60 + p[2]) * 1000 }
                          sub(/s$/, "", v); return v * 1000 }
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "renders") r += kv[2]; if (kv[1] == "raf") f += kv[2]; if (kv[1] == "window") w += ms(kv[2]) } n++ }
    END { if (w > 0) printf "%.1f %.1f %d\n", r * 1000 / w, f * 1000 / w, n; else print "- - 0" }'
}

start_xvfb
trap cleanup EXIT # start_xvfb sets its own EXIT trap; cleanup stops Xvfb too
# The GL under this display (WebKit masks the WebGL renderer string: "Apple GPU").
gl="unknown (no glxinfo; mesa-utils)"
if command -v glxinfo >/dev/null; then
  gl=$(timeout 20 glxinfo -B 2>/dev/null | sed -n 's/^OpenGL renderer string: //p' | head -1)
  gl=${gl:-unknown}
fi
case "$gl" in *llvmpipe* | *softpipe* | *[Ss]oftware*) gl="$gl (software)" ;; esac
say "GL on the Xvfb display: $gl"
rows=()
for size in $SIZES; do
  nodes=${size%%:*} ties=${size##*:}
  tag=$((nodes / 1000))k
  data="$work/data-$tag"
  say "$tag: generating $nodes nodes / $ties ties"
  gen=$(generate "$work/backup-$tag.json" "$nodes" "$ties")
  ./build/bin/plexus restore --in "$work/backup-$tag.json" --data-dir "$data" >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; die "plexus restore failed"; }
  rm -f "$work/backup-$tag.json"
  log="$data/plexus.log"

  say "$tag: starting the window (PLEXUS_DEBUG_FRAMES=1)"
  t0=$(date +%s%3N)
  PLEXUS_DEBUG_FRAMES=1 ./build/bin/plexus --data-dir "$data" >"$work/stdout.log" 2>&1 &
  app=$!
  line=$(wait_for "$log" 'msg="graph rendered"' "$DRAW_TIMEOUT") || die "$tag: the graph was not drawn"
  drawn_ms=$(($(log_ms "$line") - t0))
  n=$(sed -E 's/.*nodes=([0-9]+).*/\1/' <<<"$line")
  [ "$n" = "$nodes" ] || say "$tag: warning: drew $n nodes, expected $nodes"
  dline=$(wait_for "$log" 'msg="graph drawn"' 10) || die "$tag: no 'graph drawn' line: is the frame counter in this build?"
  page_ms=$(sed -E 's/.*page_ms=([0-9]+).*/\1/' <<<"$dline")
  renderer=$(sed -E 's/.*renderer=//; s/^"//; s/"$//' <<<"$dline")
  say "$tag: drawn $((drawn_ms))ms after process start (page: ${page_ms}ms after navigation), renderer: $renderer"

  # Let the first frames settle: wait until a frames line shows no render (idle), up to 60 s.
  settle=$((SECONDS + 60))
  while [ $SECONDS -lt $settle ]; do
    grep ' msg=frames ' "$log" | tail -1 | grep -q ' renders=0 ' && break
    sleep 0.5
  done
  import -window root "$out/window-$tag.png"

  win=$(xdotool search --onlyvisible --name '^Plexus$' | head -1) || true
  [ -n "$win" ] || die "$tag: no visible window named Plexus"
  eval "$(xdotool getwindowgeometry --shell "$win")" # X Y WIDTH HEIGHT
  # The network is square and fitted to the canvas, which is wider than high: the left side
  # of the canvas, at mid-height, is empty. 60 px in from the window's left edge.
  px=$((X + 60)) py=$((Y + HEIGHT / 2 + 20))
  say "$tag: panning for ${PAN_SECONDS}s with xdotool from ($px, $py)"
  from=$(($(wc -l <"$log") + 1))
  pan "$PAN_SECONDS" "$px" "$py"
  to=$(wc -l <"$log")
  sleep 1.2
  # The first frames line after the pan began covers time before it: skip it.
  first=$(awk -v f="$from" 'NR >= f && / msg=frames / { print NR; exit }' "$log")
  read -r rps fps used < <(frames_rate "$log" "$((${first:-$from} + 1))" "$to")
  say "$tag: while panning: $rps redraws/s, $fps animation frames/s ($used one-second windows)"
  import -window root "$out/window-$tag-after-pan.png"
  cp "$log" "$out/plexus-$tag.log"
  stop_app
  rows+=("| $nodes / $ties | $(awk -v m="$drawn_ms" 'BEGIN { printf "%.1f s", m / 1000 }') | $(awk -v m="$page_ms" 'BEGIN { printf "%.1f s", m / 1000 }') | $rps | $fps | $used |")
  rm -rf "$data"
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
table=$(
  echo "$LABEL — $(date +%Y-%m-%d), commit $(git rev-parse --short HEAD)$(git diff --quiet -- frontend/src || echo ' + uncommitted frontend changes'), $(nproc) cores ($cpu), $mem, Xvfb 1280×800×24, GL: $gl (the page's WebGL reports: $renderer), data from $gen, pan ${PAN_SECONDS} s per size:"
  echo
  echo "| nodes / ties | process start → graph drawn | navigation → drawn | redraws/s while panning | animation frames/s while panning | 1-s windows |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo
echo "$table" | tee "$out/table-$LABEL.md"

if [ "$WRITE_DOC" = 1 ]; then
  TABLE="$table" LABEL="$LABEL" python3 - "$doc" <<'EOF'
import os, sys
path, label, table = sys.argv[1], os.environ["LABEL"], os.environ["TABLE"]
doc = open(path).read()
start, end = f"<!-- window-bench:{label}:start -->", f"<!-- window-bench:{label}:end -->"
section_start, section_end = "<!-- window-bench:start -->", "<!-- window-bench:end -->"
block = f"{start}\n{table}\n{end}"
if section_start not in doc:
    doc = doc.rstrip("\n") + f"""

## Real window (Xvfb)

`make window-bench` (build/scripts/window-bench.sh; not part of `make test`): the production
binary in its real WebKitGTK window under Xvfb (1280×800, no window manager, no GPU: Mesa
llvmpipe), a fresh data folder restored from a synthetic backup at each size.
*Process start → graph drawn*: from the launch to the `graph rendered` log line, which the page
sends when sigma's first render with the nodes returns (the frame may reach the screen a little
later); *navigation → drawn*: the same render on the page's own clock. Then xdotool pans the map
in one long drag — press on empty canvas (the left margin of the fitted network), then to and
fro by 300 px in ~16 ms steps, release — and the app's debug frame counter
(`PLEXUS_DEBUG_FRAMES=1`: sigma `afterRender` events and requestAnimationFrame ticks, logged once
a second) gives the redraws per second while panning, over the whole one-second windows inside
the pan. Animation frames/s equal to redraws/s means the main thread does nothing but draw: each
frame takes 1 ÷ that rate. Target (issue 6): ≥ 10 redraws/s while panning at 2k and at 10k.
`LABEL=after make window-bench` rewrites the "after" block only; screenshots (before and after
the pan) and the app's logs are left in `artifacts/window-bench/`.

{section_start}
{section_end}
"""
head, rest = doc.split(section_start, 1)
inner, tail = rest.split(section_end, 1)
if start in inner:
    a, b = inner.split(start, 1)
    _, c = b.split(end, 1)
    inner = a + block + c
else:
    inner = inner.rstrip("\n") + "\n" + block + "\n"
open(path, "w").write(head + section_start + inner + section_end + tail)
EOF
  say "wrote the '$LABEL' block of $doc"
fi
