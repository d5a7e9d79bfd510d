# Sourced by the test scripts: start a private Xvfb (display number chosen by Xvfb itself) and
# export DISPLAY; it is stopped when the calling script exits.
start_xvfb() {
  local dfile; dfile=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 50); do [ -s "$dfile" ] && break; sleep 0.1; done
  local d; d=$(head -1 "$dfile"); rm -f "$dfile"
  [ -n "$d" ] || { echo "Xvfb did not start"; return 1; }
  export DISPLAY=":$d"
  trap 'kill $XVFB_PID 2>/dev/null || true' EXIT
}
