import { defineConfig } from '@playwright/test';

// End-to-end tests: Debian's Chromium against the real Go backend (see build/scripts/e2e.sh,
// which builds the dev-tag binary, starts Xvfb and sets PLEXUS_BIN / PLEXUS_ASSETS).
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // bench/ is the frame-time benchmark (make bench-browser), with its own config.
  testIgnore: ['bench/**'],
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: '../../artifacts/playwright-report' }]],
  outputDir: '../../artifacts/playwright',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
});
