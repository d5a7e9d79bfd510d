import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, nodes, screenPos, waitReady } from './helpers';

// Issue 9, "the journal feeds the map" (UI): the node panel's Activity, "Log an interaction" from the
// panel, the right-click menu and the due list, entries opened from the panel, and mentions, chips and
// links in rendered entries. Everything with real pointer and keys; the setup writes through the bound
// methods, the UI's own write path (an entry dated in the past cannot be typed faster).

const DAY = 86_400_000;

type Made = { id: string; label: string };

/** makeNodes creates alters (with a cadence in days) near the ego and entries linking them, then reloads. */
async function setup(
  page: Page,
  ns: { label: string; cadence?: number; dx: number; dy: number }[],
  entries: { node: number; daysAgo: number; body: string }[] = [],
): Promise<Made[]> {
  await waitReady(page);
  const ego = (await nodes(page)).find((n) => n.ego);
  if (!ego) throw new Error('no ego');
  const made = await page.evaluate(
    async ({ ego, ns, entries, DAY }) => {
      type Svc = Record<string, (...a: unknown[]) => Promise<{ id: string; label: string }>>;
      const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
      const out: { id: string; label: string }[] = [];
      for (const n of ns) {
        const f = { label: n.label, kind: 'person', strength: 0, relation: '', status: '', role: '', mode: '', tags: [], emails: [], contexts: [], extra: {}, cadence: n.cadence ?? 0 };
        const r = await go.NetworkService.CreateNode(f, ego.x + n.dx, ego.y + n.dy);
        out.push({ id: r.id, label: r.label });
      }
      for (const e of entries) {
        const at = new Date(Date.now() - e.daysAgo * DAY).toISOString();
        await go.JournalService.CreateEntry({ occurredAt: at, body: e.body, nodeIds: [out[e.node]!.id], tags: [], type: 'interaction' });
      }
      return out;
    },
    { ego, ns, entries, DAY },
  );
  await page.reload();
  await waitReady(page);
  await expect.poll(async () => (await nodes(page)).length).toBe(ns.length + 1);
  return made;
}

async function openPanel(page: Page, n: Made) {
  const p = await screenPos(page, n.id);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', n.id);
}

test('the node panel shows the activity, and "Log an interaction" there writes one that it counts', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const [ada] = await setup(page, [{ label: 'Ada', cadence: 7, dx: 150, dy: 0 }]);
  await openPanel(page, ada!);

  const act = page.getByTestId('node-activity');
  await expect(act.getByTestId('activity-count')).toHaveAttribute('data-count', '0');
  await expect(act.getByTestId('activity-last')).toHaveText('none yet');
  // With a cadence and no interaction yet it counts from when the cadence was set: due in 7 days.
  await expect(act.getByTestId('activity-due')).toContainText('every 7 days · due in 7 days');
  await expect(act.getByTestId('activity-status')).toHaveText(/^active: /);

  await act.getByTestId('activity-log').click();
  await expect(page.getByTestId('tab-journal')).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByTestId('journal-editor');
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('journal-type')).toHaveValue('interaction');
  await expect(editor.getByTestId('journal-node-chip')).toHaveAttribute('data-node-id', ada!.id);
  await editor.getByTestId('journal-editor-body').click();
  await page.keyboard.type('Coffee with Ada: she explained the analytical engine.');
  await editor.getByTestId('journal-save').click();
  await expect(editor.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();

  // Back on the map, the panel (still open on Ada) has re-read her activity.
  await page.getByTestId('tab-map').click();
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ada!.id);
  await expect(act.getByTestId('activity-count')).toHaveAttribute('data-count', '1');
  await expect(act.getByTestId('activity-last')).toHaveText(/^today \(/);
  await expect(act.getByTestId('activity-due')).toContainText('due in 7 days');
  await expect(page.getByTestId('node-entries').getByTestId('journal-entry')).toHaveCount(1);

  // The right-click menu offers the same: a new reflection about her.
  const p = await screenPos(page, ada!.id);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await page.getByRole('menuitem', { name: 'New entry about this node' }).click();
  await expect(page.getByTestId('tab-journal')).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByTestId('journal-type')).toHaveValue('reflection');
  await expect(editor.getByTestId('journal-node-chip')).toHaveAttribute('data-node-id', ada!.id);
  expect(errors).toEqual([]);
});

test('the due list: most overdue first, "Log an interaction" takes a node off it, "Open on map" selects it', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const [bob, cy, dee] = await setup(
    page,
    [
      { label: 'Bob', cadence: 7, dx: 150, dy: 0 },
      { label: 'Cy', cadence: 30, dx: -150, dy: 0 },
      { label: 'Dee', cadence: 7, dx: 0, dy: 150 },
    ],
    [
      { node: 0, daysAgo: 30, body: 'Lunch with Bob' },
      { node: 1, daysAgo: 2, body: 'Call with Cy' },
      { node: 2, daysAgo: 60, body: 'Met Dee at the meetup' },
    ],
  );
  await page.getByTestId('tab-journal').click();
  const due = page.getByTestId('due-list');
  const rows = due.getByTestId('due-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-node-id', dee!.id);
  await expect(rows.nth(1)).toHaveAttribute('data-node-id', bob!.id);
  await expect(due.locator(`[data-node-id="${cy!.id}"]`)).toHaveCount(0);
  await expect(rows.nth(1)).toContainText('Bob');
  await expect(rows.nth(1)).toContainText('Person');
  await expect(rows.nth(1).getByTestId('due-overdue')).toHaveText('23 days overdue');
  await expect(rows.nth(1).getByTestId('due-last')).toHaveText('last interaction 4 weeks ago');

  await rows.nth(1).getByTestId('due-log').click();
  const editor = page.getByTestId('journal-editor');
  await expect(editor.getByTestId('journal-type')).toHaveValue('interaction');
  await expect(editor.getByTestId('journal-node-chip')).toHaveAttribute('data-node-id', bob!.id);
  await editor.getByTestId('journal-editor-body').click();
  await page.keyboard.type('Caught up with Bob');
  await page.keyboard.press('Control+s');
  await expect(editor.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toHaveAttribute('data-node-id', dee!.id);

  await rows.nth(0).getByTestId('due-map').click();
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', dee!.id);
  await expect(page.getByTestId('node-activity').getByTestId('activity-due')).toContainText('53 days overdue');
  expect(errors).toEqual([]);
});

test('mentions and chips open the node on the map, links open outside, the panel opens entries in the journal', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const [ada, grace] = await setup(
    page,
    [
      { label: 'Ada Lovelace', dx: 150, dy: 0 },
      { label: 'Grace', dx: -150, dy: 0 },
    ],
    [
      { node: 0, daysAgo: 1, body: 'Talked with @Ada Lovelace about [notes](https://example.org/notes) on engines.' },
      { node: 1, daysAgo: 3, body: 'Grace on compilers' },
    ],
  );
  await page.getByTestId('tab-journal').click();
  // The Map stays mounted behind the Journal (its panel's entry list included): look in the Journal only.
  const journal = page.getByTestId('journal-view');
  const adaEntry = journal.getByTestId('journal-entry').filter({ hasText: 'Talked with' });
  const mention = adaEntry.locator('button.mention');
  await expect(mention).toHaveText('@Ada Lovelace');

  // An external link opens outside the webview: in this browser, a new tab (no opener); the page stays.
  await page.context().route('https://example.org/**', (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: 'elsewhere' }));
  const here = page.url();
  const [popup] = await Promise.all([page.waitForEvent('popup'), adaEntry.getByRole('link', { name: 'notes' }).click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe('https://example.org/notes');
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  await popup.close();
  expect(page.url()).toBe(here);

  await mention.click();
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ada!.id);

  // The panel's entry opens in the journal, marked and in the editor.
  await page.getByTestId('node-entries').getByTestId('journal-entry').click();
  await expect(page.getByTestId('tab-journal')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('journal-editor-body')).toHaveValue(/Talked with @Ada Lovelace/);
  await expect(adaEntry).toHaveClass(/selected/);
  await expect(adaEntry).toBeInViewport();

  // A node chip in the header opens that node.
  await journal.getByTestId('journal-entry').filter({ hasText: 'Grace on compilers' }).getByTestId('journal-entry-node').click();
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', grace!.id);
  expect(errors).toEqual([]);
});
