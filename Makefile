# Plexus — the two commands a newcomer needs:
#   make run    build the desktop app and open it on your own data (the per-user data folder)
#   make test   every test CI runs: Go (race), lint, fuzz and benchmark smoke runs, frontend
#               checks and unit tests, bindings drift, Windows cross-build, Playwright end-to-end
#               tests against the real Go backend, and the real window under Xvfb.
# Both install what they need first (build/scripts/deps.sh).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO_TAGS := webkit2_41
# The Go packages: the root and backend/ (not ./..., which would wander into
# frontend/node_modules, where some npm packages ship Go files).
GO_PKGS := . ./backend/...
ARTIFACTS := artifacts

.PHONY: run build deps-run deps-test frontend test test-go lint-go fuzz-smoke bench-smoke \
        test-frontend bindings-check windows-build e2e window-test bench bench-browser soak clean contract \
        window-bench

run: build
	./build/bin/plexus $(ARGS)

build: deps-run
	bin/wails build -clean -m -skipbindings -tags $(GO_TAGS)

deps-run:
	@build/scripts/deps.sh run

deps-test:
	@build/scripts/deps.sh test

frontend:
	cd frontend && npm run build

test: deps-test lint-go test-go fuzz-smoke bench-smoke test-frontend bindings-check windows-build e2e window-test
	@echo "make test: all checks passed"

lint-go: frontend
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	go vet -tags $(GO_TAGS) $(GO_PKGS)
	bin/staticcheck -tags $(GO_TAGS) $(GO_PKGS)

test-go: frontend
	go test -race -count=1 $(GO_PKGS)
	# The CSP each build sends, through Wails' own asset server (it links WebKit): production, dev.
	go test -race -count=1 -tags $(GO_TAGS) -run '^(TestCSP|TestBuildCSP)' .
	go test -race -count=1 -tags dev,$(GO_TAGS) -run '^(TestCSP|TestBuildCSP)' .

# Short coverage-guided fuzz runs (parsers never panic, never half-write): every Fuzz target of
# the interchange package (one per format), FUZZTIME each. A count (Nx), not a duration: go1.26
# fails a duration run at its deadline with "context deadline exceeded" and no finding
# (golang/go#75804, fixed in go1.27); a count has no deadline.
FUZZTIME ?= 20000x
fuzz-smoke:
	@targets=$$(go test ./backend/interchange/ -list '^Fuzz' | grep '^Fuzz'); \
	  for f in $$targets; do \
	    echo "fuzz $$f ($(FUZZTIME))"; \
	    go test ./backend/interchange/ -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done

# Benchmarks run once each as smoke tests (-short: smaller set-ups, such as a 10,000-step
# history instead of 100,000); `make bench` runs them for real (docs/benchmarks.md).
bench-smoke:
	go test ./backend/... -short -run '^$$' -bench . -benchtime 1x

bench:
	@mkdir -p $(ARTIFACTS)
	go test ./backend/... -run '^$$' -bench . -benchmem -count 5 | tee $(ARTIFACTS)/bench.txt

# An hour of mixed gestures and journal autosaves at 10k nodes / 50k ties with value-log GC,
# compressed (simulated clock): heap flat, store bounded, no error (docs/reliability.md). Not part
# of `make test`.
soak:
	PLEXUS_SOAK=1 go test ./backend/service/ -run '^TestSoak$$' -v -count 1 -timeout 30m

# Browser benchmark at 2k/10k and 10k/50k: Plexus against a bare sigma page with the same data in
# the same Chromium (the dev-tag binary under Xvfb; the spec builds the bare page with Vite). Writes
# frontend/e2e/bench/results/<label>.json and the tables in docs/benchmarks.md.
# BENCH_LABEL=before|after (default after), BENCH_SIZES=2000, BENCH_RUNS=3. Not part of `make test`.
bench-browser: frontend
	E2E_CONFIG=e2e/bench/playwright.config.ts build/scripts/e2e.sh

test-frontend:
	cd frontend && npm run check && npm run lint && npm test

# Regenerate frontend/src/api/contract.gen.ts from the Go code (test-go checks it is current).
contract:
	UPDATE_CONTRACT=1 go test -run '^TestFrontendContract$$' .

# The committed wails bindings must match the Go code.
bindings-check: frontend
	@mkdir -p build/bin
	@bin/wails generate module -tags $(GO_TAGS) >build/bin/bindings.log 2>&1 || { cat build/bin/bindings.log; exit 1; }
	@chmod 644 frontend/wailsjs/runtime/* # generate writes 0755, build 0644: keep the committed 0644
	@git diff --exit-code -- frontend/wailsjs || { echo "frontend/wailsjs is out of date: run 'bin/wails generate module' and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- frontend/wailsjs)" || { echo "untracked generated bindings in frontend/wailsjs: commit them"; exit 1; }

windows-build: frontend
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -tags production -ldflags "-H windowsgui" -o build/bin/plexus-windows-amd64.exe .

e2e: frontend
	build/scripts/e2e.sh

window-test: frontend
	build/scripts/window-test.sh

# The real window under Xvfb at 2k/10k and 10k/50k: start → drawn, redraws/s while panned with
# xdotool (not part of make test; LABEL=before|after picks the block of docs/benchmarks.md).
window-bench: deps-run
	build/scripts/window-bench.sh

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html $(ARTIFACTS)
