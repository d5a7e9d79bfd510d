#!/usr/bin/env bash
# e2e.sh — Playwright end-to-end tests: Debian Chromium drives the real frontend against the real
# Go backend (the `dev`-tag binary, which serves the page and bridges every bound method over a
# websocket on 127.0.0.1). The binary still opens its native window, so it runs under Xvfb.
# Each test starts its own binary on its own port and fresh data folder (frontend/e2e/fixtures.ts).
# E2E_CONFIG picks another Playwright config (relative to frontend/): `make bench-browser` runs
# e2e/bench/playwright.config.ts, the frame-time benchmark, this way.
set -euo pipefail
cd "$(dirname "$0")/../.."
source build/scripts/xvfb.sh
mkdir -p build/bin artifacts
echo "e2e: building the dev-tag binary"
go build -tags dev,webkit2_41 -o build/bin/plexus-dev .
# The synthetic PLN generator (backend/synth) for the tests and benchmarks that need a large network.
go build -o build/bin/plnsynth ./backend/synth/cmd/plnsynth
start_xvfb
export CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}"
export PLEXUS_BIN="$PWD/build/bin/plexus-dev" PLEXUS_ASSETS="$PWD/frontend/dist" PLNSYNTH="${PLNSYNTH:-$PWD/build/bin/plnsynth}"
cd frontend
npx playwright test --config "${E2E_CONFIG:-e2e/playwright.config.ts}" "$@"
