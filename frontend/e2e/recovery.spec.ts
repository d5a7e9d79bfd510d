import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type PlexusApp } from './fixtures';
import { createNode, nodeByLabel, nodes, waitReady } from './helpers';

/** pids of every Plexus the data folder's log says started, newest last. */
function startedPids(dataDir: string): number[] {
  const log = fs.readFileSync(path.join(dataDir, 'plexus.log'), 'utf8');
  return [...log.matchAll(/Plexus starting.*pid=(\d+)/g)].map((m) => Number(m[1]));
}

/** stopPid stops a process the fixture did not start (SIGTERM, then SIGKILL) and waits until it is gone. */
async function stopPid(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * afterRelaunch clicks `trigger` (a button that relaunches Plexus), waits for the new process to
 * serve the page with a node labelled `label`, runs `check` on it, and stops it (the fixture only
 * knows the first process).
 */
async function afterRelaunch(
  page: Page,
  app: PlexusApp,
  trigger: () => Promise<void>,
  label: string,
  check: (pid: number) => Promise<void> | void = () => {},
): Promise<void> {
  const before = startedPids(app.dataDir).length;
  await trigger();
  // The old process quits; the relaunched one serves the same port.
  await expect.poll(() => startedPids(app.dataDir).length, { timeout: 30_000 }).toBe(before + 1);
  const relaunched = startedPids(app.dataDir).at(-1)!;
  try {
    await expect
      .poll(
        async () => {
          try {
            await page.goto(app.url);
            await waitReady(page);
            return (await nodes(page)).some((n) => n.label === label);
          } catch {
            return false;
          }
        },
        { timeout: 45_000 },
      )
      .toBe(true);
    await check(relaunched);
  } finally {
    await stopPid(relaunched);
  }
}

// A store whose MANIFEST was lost opens the recovery screen (not an empty
// map, not an exit); Salvage gets the nodes back, "Open Plexus" relaunches
// on the mended folder, and the damaged store is kept in damaged/.
test('a damaged store opens the recovery screen; salvage brings the network back', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  await createNode(page, 0.3, 0.3, 'Ada Lovelace', 'person');
  await createNode(page, 0.7, 0.6, 'Analytical engine', 'device');

  await app.restart(() => fs.rmSync(path.join(app.dataDir, 'db', 'MANIFEST')));
  await page.goto(app.url);
  const screen = page.getByTestId('recovery-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plexus found damage in your data and did not open it');
  await expect(page.getByTestId('recovery-problems')).toContainText('MANIFEST: missing');
  await expect(page.getByTestId('graph-canvas')).toHaveCount(0);

  await page.getByTestId('recovery-salvage').click();
  await expect(page.getByTestId('salvage-report')).toContainText('It holds 3 nodes, 0 ties');
  // Nothing is replaced until the learner says so.
  expect(fs.existsSync(path.join(app.dataDir, 'damaged'))).toBe(false);
  await afterRelaunch(page, app, () => page.getByTestId('recovery-use-salvage').click(), 'Analytical engine', async () => {
    await nodeByLabel(page, 'Ada Lovelace');
    const damaged = fs.readdirSync(path.join(app.dataDir, 'damaged'));
    expect(damaged).toHaveLength(1);
    expect(fs.existsSync(path.join(app.dataDir, 'damaged', damaged[0]!, '000001.sst'))).toBe(true);
  });
});

// The other way out: restore the latest automatic backup (the daily one the
// window writes shortly after it starts).
test('a damaged store can be replaced by its latest automatic backup from the recovery screen', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  await createNode(page, 0.4, 0.4, 'Grace Hopper', 'person');
  await app.restart(); // the daily backup needs more than the ego at start
  const backups = path.join(app.dataDir, 'backups');
  await expect
    .poll(() => (fs.existsSync(backups) ? fs.readdirSync(backups).filter((f) => f.startsWith('daily-')).length : 0), { timeout: 40_000 })
    .toBe(1);

  await app.restart(() => {
    for (const f of fs.readdirSync(path.join(app.dataDir, 'db')).filter((n) => n.endsWith('.sst'))) {
      fs.truncateSync(path.join(app.dataDir, 'db', f), 100);
    }
  });
  await page.goto(app.url);
  await expect(page.getByTestId('recovery-screen')).toBeVisible();
  await expect(page.getByTestId('recovery-problems')).toContainText('.sst');
  await expect(page.getByText(/The latest backup is daily backup/)).toBeVisible();
  await page.getByTestId('recovery-restore-latest').click();
  await afterRelaunch(page, app, () => page.getByTestId('recovery-restore-confirm').click(), 'Grace Hopper', () => {
    expect(fs.readdirSync(path.join(app.dataDir, 'damaged'))).toHaveLength(1);
  });
});

// An encrypted data folder opens on the lock screen: a wrong passphrase is
// told so and changes nothing; the right one relaunches Plexus on the
// unlocked store (the key goes to the new process on its standard input).
test('an encrypted data folder opens on the lock screen and unlocks with its passphrase', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  await createNode(page, 0.4, 0.5, 'Katherine Johnson', 'person');
  await app.restart(() => {
    execFileSync(process.env.PLEXUS_BIN!, ['encrypt', '--data-dir', app.dataDir], {
      env: { ...process.env, PLEXUS_PASSPHRASE: 'correct horse battery' },
      stdio: 'pipe',
    });
  });
  await page.goto(app.url);
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your Plexus data is locked');
  await expect(page.getByTestId('lock-screen')).toContainText('cannot be recovered');
  await page.getByTestId('lock-passphrase').fill('wrong horse');
  await page.getByTestId('lock-unlock').click();
  await expect(page.getByTestId('recovery-error')).toBeVisible();
  await expect(page.getByTestId('lock-screen')).toBeVisible();

  await page.getByTestId('lock-passphrase').fill('correct horse battery');
  await afterRelaunch(page, app, () => page.keyboard.press('Enter'), 'Katherine Johnson', (pid) => {
    // Neither the passphrase nor a key reached the relaunched process's command line or environment.
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    expect(environ).toContain('PLEXUS_DATA_DIR=');
    expect(environ + cmdline).not.toContain('correct horse battery');
    expect(environ).not.toMatch(/PLEXUS_PASSPHRASE|[0-9a-f]{64}/);
  });
  expect(app.log()).not.toContain('correct horse battery');
});
