import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { collectPageErrors, createNode, nodes, waitReady } from './helpers';

// A command (here "plexus history") writes the day's automatic backup on its way out; the Restore
// dialog lists it with its date, size and contents, and restoring it (after
// the confirmation) brings that network back.
test('the Restore dialog lists the automatic backups and restores one', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  await createNode(page, 0.3, 0.3, 'In the backup', 'person');
  await app.restart(() => {
    const r = spawnSync(process.env.PLEXUS_BIN ?? '', ['history'], { env: { ...process.env, PLEXUS_DATA_DIR: app.dataDir }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  const daily = fs.readdirSync(path.join(app.dataDir, 'backups')).filter((n) => n.startsWith('daily-'));
  expect(daily).toHaveLength(1);

  await page.goto(app.url);
  await waitReady(page);
  await createNode(page, 0.7, 0.7, 'Added after the backup', 'person');
  await expect.poll(async () => (await nodes(page)).length).toBe(3);

  await page.getByTestId('backup-restore').click();
  const dialog = page.getByTestId('backups-dialog');
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('backup-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-kind', 'daily');
  await expect(rows.first()).toContainText('Daily');
  await expect(rows.first()).toContainText('2 nodes, 0 ties, 0 journal entries');
  await expect(rows.first()).toContainText(/ · \d+(\.\d)? (B|KB) · /);
  await page.screenshot({ path: path.join('..', 'artifacts', 'backups-dialog.png') });

  await rows.first().getByTestId('backup-row-restore').click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('cannot be undone');
  await page.getByTestId('confirm-ok').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Backup restored.')).toBeVisible();
  await expect.poll(async () => (await nodes(page)).map((n) => n.label).sort()).toEqual(['In the backup', 'Me']);
  // The data the restore replaced was saved first.
  expect(fs.readdirSync(path.join(app.dataDir, 'backups')).filter((n) => n.startsWith('pre-restore-'))).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});
