#!/usr/bin/env bash
# deps.sh run|test — install what `make run` or `make test` needs, only where missing.
#   Debian/Ubuntu packages: apt-get when root, else print the exact command and stop.
#   The pinned wails CLI and staticcheck into ./bin; the frontend's npm packages (npm ci).
# macOS and Windows prerequisites are in the README (this script is for Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-run}

WAILS_VERSION=v2.13.0
STATICCHECK_VERSION=2026.2.2 # module version v0.8.2
STATICCHECK_MODULE=v0.8.2

pkgs=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
if [ "$what" = test ]; then
  pkgs+=(xvfb xauth xdotool imagemagick dbus)
  # Debian names the browser chromium; Ubuntu's chromium-browser (a snap wrapper) also works.
  # (Decided from /etc/os-release: apt-cache knows nothing before the first apt-get update.)
  if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :
  elif grep -qsE '^(ID|ID_LIKE)=.*ubuntu' /etc/os-release; then pkgs+=(chromium-browser)
  else pkgs+=(chromium)
  fi
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "deps: installing Debian packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "deps: missing Debian packages. Run:"
      echo "  sudo apt-get install -y ${missing[*]}"
      exit 1
    fi
  fi
elif [ "$(uname -s)" = Linux ]; then
  echo "deps: not a Debian/Ubuntu system; install GTK 3 and WebKitGTK 4.1 development packages yourself (see README)."
fi

# at_least HAVE WANT: true when dotted version HAVE >= WANT.
at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }
GO_MIN=1.26 NODE_MIN=20.19.0
command -v go >/dev/null || { echo "deps: Go ${GO_MIN} or newer is needed: https://go.dev/dl/ (Debian 12's golang package is too old)"; exit 1; }
go_have=$(go env GOVERSION | sed 's/^go//')
at_least "$go_have" "$GO_MIN" || { echo "deps: Go ${GO_MIN} or newer is needed, this is ${go_have}: https://go.dev/dl/"; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "deps: Node.js ${NODE_MIN}+ (20.x LTS or newer) and npm are needed: https://nodejs.org/ (Debian 12's nodejs package is too old)"; exit 1; }
node_have=$(node --version | sed 's/^v//')
at_least "$node_have" "$NODE_MIN" || { echo "deps: Node.js ${NODE_MIN} or newer is needed (Vite 8), this is ${node_have}: https://nodejs.org/"; exit 1; }

mkdir -p bin
if ! [ -x bin/wails ] || ! bin/wails version 2>/dev/null | grep -q "${WAILS_VERSION}"; then
  echo "deps: installing the wails CLI ${WAILS_VERSION} into ./bin"
  GOBIN="$PWD/bin" go install "github.com/wailsapp/wails/v2/cmd/wails@${WAILS_VERSION}"
fi
if [ "$what" = test ]; then
  if ! [ -x bin/staticcheck ] || ! bin/staticcheck -version 2>/dev/null | grep -q "${STATICCHECK_VERSION}"; then
    echo "deps: installing staticcheck ${STATICCHECK_VERSION} into ./bin"
    GOBIN="$PWD/bin" go install "honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_MODULE}"
  fi
fi

# npm ci when node_modules is missing or older than the lock file.
if ! [ -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  echo "deps: npm ci (frontend)"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
