import { defineConfig } from '@playwright/test';
import e2e from '../playwright.config';

// The browser benchmark, Plexus vs a bare sigma page (`make bench-browser`), kept apart from the end-to-end tests:
// `make e2e` uses ../playwright.config.ts, which ignores this folder. build/scripts/e2e.sh builds
// the dev-tag binary, starts Xvfb and runs this config when E2E_CONFIG points at it. Same browser
// and launch flags as the end-to-end tests; longer timeouts, no traces.
export default defineConfig({
  ...e2e,
  testDir: '.',
  testIgnore: [],
  timeout: 600_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../../../artifacts/playwright-bench',
  use: { ...e2e.use, trace: 'off' },
});
