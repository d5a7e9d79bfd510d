#!/usr/bin/env bash
# window-test.sh — the production binary in a real window under Xvfb, with an OPML fixture
# imported into a fresh data folder. Passes when the app logs that the graph was drawn with the
# expected node count AND the screenshot's canvas holds pixels of the "source" kind colour.
# The screenshot is saved to artifacts/window.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
source build/scripts/xvfb.sh
mkdir -p artifacts build/bin
# The webview's own state (localStorage: the theme chosen, the legend folded…) lives under
# XDG_DATA_HOME: a fresh one per run, so the window looks as on a new machine, whatever this
# machine's user last chose (a dark theme picked by hand made the danger-colour check fail).
xdg=$(mktemp -d)
export XDG_DATA_HOME="$xdg/data" XDG_CACHE_HOME="$xdg/cache" XDG_CONFIG_HOME="$xdg/config"
fixture=backend/interchange/testdata/opml/netnewswire_Subs.opml
expected_nodes=206 # 207 feeds, two of them listed twice (same feed URL up to scheme and slash), + the ego

echo "window-test: building the production binary"
go build -tags desktop,production,webkit2_41 -ldflags "-w -s" -o build/bin/plexus .

data=$(mktemp -d)
./build/bin/plexus import --data-dir "$data" --in "$fixture"

start_xvfb
log="$data/plexus.log"
./build/bin/plexus --data-dir "$data" >artifacts/window-stdout.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; kill $XVFB_PID 2>/dev/null || true' EXIT

# wait_for_log LINE STDOUT: waits up to 60 s for LINE in the app's log while the app runs.
wait_for_log() {
  for _ in $(seq 1 120); do
    if grep -q "$1" "$log" 2>/dev/null; then grep "$1" "$log" | tail -1; return 0; fi
    kill -0 $app 2>/dev/null || { echo "window-test: the app exited before logging '$1'"; tail -20 "$2"; exit 1; }
    sleep 0.5
  done
  echo "window-test: no '$1' line in $log after 60 s"; tail -20 "$log" || true; exit 1
}

# pixels_of FILE COLOUR FUZZ: how many pixels of FILE are within FUZZ of COLOUR.
pixels_of() {
  convert "$1" -fuzz "$3" -fill black +opaque "$2" -fill white -opaque "$2" -format '%[fx:mean*w*h]' info: 2>/dev/null | cut -d. -f1
}

wait_for_log 'graph rendered' artifacts/window-stdout.log
n=$(grep 'graph rendered' "$log" | tail -1 | sed -E 's/.*nodes=([0-9]+).*/\1/')
[ "$n" = "$expected_nodes" ] || { echo "window-test: rendered $n nodes, expected $expected_nodes"; exit 1; }
sleep 2 # let sigma finish its first frames
import -window root artifacts/window.png
cp "$log" artifacts/window-plexus.log
# Count pixels close to the source-kind colour (frontend/src/graph/colors.ts) in the screenshot.
color=$(grep -oE 'source: *"#[0-9a-fA-F]{6}"' frontend/src/graph/colors.ts | head -1 | grep -oE '#[0-9a-fA-F]{6}')
px=$(pixels_of artifacts/window.png "$color" 10%)
echo "window-test: $px pixels of the source colour $color in artifacts/window.png"
[ "${px:-0}" -gt 200 ] || { echo "window-test: the graph does not look drawn"; exit 1; }
echo "window-test: ok"

# A draft typed in the real window survives SIGKILL of the whole app (the Go process and its WebKit
# processes) a second after typing stops, before the autosave (1.5 s) could save it as an entry:
# the editor writes drafts through the backend into Badger within a quarter second.
marker="window draft $RANDOM$RANDOM survives a crash"
xdotool mousemove 640 420 sleep 0.3 # keys go to the window under the pointer (no window manager)
xdotool key slash sleep 0.5 type --delay 20 "New journal entry"
xdotool sleep 0.3 key Return sleep 1.5
xdotool type --delay 15 "$marker"
sleep 1
kids=$(pgrep -P $app || true)
echo "window-test: SIGKILL the app ($app) and its processes ($(echo $kids | tr '\n' ' '))"
kill -KILL $app $kids 2>/dev/null || true
for _ in $(seq 1 40); do kill -0 $app 2>/dev/null || break; sleep 0.25; done
sleep 0.5
./build/bin/plexus journal drafts --data-dir "$data" >artifacts/window-drafts.txt 2>&1 || { cat artifacts/window-drafts.txt; exit 1; }
grep -qF "$marker" artifacts/window-drafts.txt || { echo "window-test: the draft typed before SIGKILL is not in the store:"; cat artifacts/window-drafts.txt; exit 1; }
echo "window-test: the draft typed a second before SIGKILL is in the store"
# Reopen: the journal offers the kept draft back (artifacts/draft-restored.png).
cp "$log" artifacts/window-plexus-before-kill.log
: >"$log"
./build/bin/plexus --data-dir "$data" >artifacts/window-stdout-reopen.log 2>&1 &
app=$!
wait_for_log 'graph rendered' artifacts/window-stdout-reopen.log
sleep 1
xdotool mousemove 640 420 sleep 0.3 key slash sleep 0.5 type --delay 20 "Go to the journal"
xdotool sleep 0.3 key Return sleep 1.5
import -window root artifacts/draft-restored.png
grep -q 'msg="drafts read" drafts=1' "$log" || { echo "window-test: the reopened window did not read the kept draft"; tail -20 "$log"; exit 1; }
echo "window-test: draft restored ok"

# The recovery screen: the same data folder, closed cleanly, then its MANIFEST lost. The window
# must open (not exit) and show what is wrong; the screenshot is artifacts/recovery.png.
kill -TERM $app
for _ in $(seq 1 40); do kill -0 $app 2>/dev/null || break; sleep 0.25; done
rm "$data/db/MANIFEST"
./build/bin/plexus --data-dir "$data" >artifacts/recovery-stdout.log 2>&1 &
app=$!
wait_for_log 'recovery screen shown' artifacts/recovery-stdout.log
sleep 1
import -window root artifacts/recovery.png
# The problem box is edged in the danger colour (styles.css --danger).
danger=$(grep -oE -- '--danger: *#[0-9a-fA-F]{6}' frontend/src/styles.css | head -1 | grep -oE '#[0-9a-fA-F]{6}')
px=$(pixels_of artifacts/recovery.png "$danger" 8%)
echo "window-test: $px pixels of the danger colour $danger in artifacts/recovery.png"
[ "${px:-0}" -gt 100 ] || { echo "window-test: the recovery screen does not look drawn"; exit 1; }
echo "window-test: recovery screen ok"
