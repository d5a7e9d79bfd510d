import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { collectPageErrors, nodes, seed, settledPos, ties } from './helpers';

/** The ties of node id (either end) in the map's mirror. */
async function tiesOf(page: Page, id: string) {
  return (await ties(page)).filter((t) => t.from === id || t.to === id);
}

// Merging duplicates end to end with the real pointer and keys: two nodes
// labelled "Ada", each with a tie; select both (Ctrl+click), "Merge 2
// nodes…", keep the default (the oldest, as both have one tie), confirm:
// one Ada with both ties, selected. Ctrl+Z brings both back with their ties.
test('merge two duplicates from the selection panel (and its right-click menu), then Ctrl+Z brings both back', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(
    page,
    [
      { label: 'Ada', dx: 150, dy: -60 },
      { label: 'Ada', dx: 150, dy: 60 },
      { label: 'Grace', dx: 300, dy: -60 },
      { label: 'Alan', dx: 300, dy: 60 },
    ],
    [
      [0, 2],
      [1, 3],
    ],
  );
  const [ada, ada2, grace, alan] = made.ids as [string, string, string, string];

  // Click one Ada, Ctrl+click the other: a selection of two.
  const p1 = await settledPos(page, ada);
  await page.mouse.click(p1.x, p1.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ada);
  // The panel points out the twin (the notice offers the merge too).
  await expect(page.getByTestId('panel-duplicate')).toBeVisible();
  await expect(page.getByTestId('panel-merge-existing')).toBeVisible();
  const p2 = await settledPos(page, ada2);
  await page.keyboard.down('Control');
  await page.mouse.click(p2.x, p2.y);
  await page.keyboard.up('Control');
  const panel = page.getByTestId('panel-selection');
  await expect(panel).toHaveAttribute('data-count', '2');

  // The right-click menu of a selected node offers "Merge 2 nodes…": it opens the panel's chooser.
  const q2 = await settledPos(page, ada2);
  await page.mouse.click(q2.x, q2.y, { button: 'right' });
  await expect(page.getByTestId('menu-mergeAll')).toHaveText('Merge 2 nodes…');
  await page.getByTestId('menu-mergeAll').click();
  await expect(page.getByTestId('selection-merge')).toBeVisible();
  await page.getByTestId('merge-cancel').click();
  await expect(page.getByTestId('selection-merge')).toBeHidden();

  // Merge from the panel: the chooser defaults to the oldest; confirm names both labels.
  await page.getByTestId('selection-merge-start').click();
  await expect(page.getByTestId('selection-merge')).toBeVisible();
  await expect(page.locator(`[data-testid="merge-keep"][data-node-id="${ada}"]`)).toBeChecked();
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Merge “Ada” into “Ada”?');
  await page.getByTestId('confirm-ok').click();

  // One Ada, tied to Grace and Alan, selected.
  await expect.poll(async () => (await nodes(page)).filter((n) => n.label === 'Ada').map((n) => n.id)).toEqual([ada]);
  await expect.poll(async () => (await tiesOf(page, ada)).map((t) => (t.from === ada ? t.to : t.from)).sort()).toEqual([grace, alan].sort());
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ada);
  await expect(page.getByTestId('history-undo')).toHaveAttribute('title', 'Undo: Merge “Ada” into “Ada”');

  // Ctrl+Z (focus on the map, not a field) brings both back, each with its tie.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('panel-node')).toBeHidden();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await nodes(page)).filter((n) => n.label === 'Ada').map((n) => n.id).sort()).toEqual([ada, ada2].sort());
  await expect.poll(async () => (await tiesOf(page, ada2)).map((t) => (t.from === ada2 ? t.to : t.from))).toEqual([alan]);
  await expect.poll(async () => (await tiesOf(page, ada)).map((t) => (t.from === ada ? t.to : t.from))).toEqual([grace]);
  expect(pageErrors).toEqual([]);
});

// The node panel's duplicate notice: "Merge into the existing one" merges
// the open node into its twin after a confirmation naming both.
test('merge from the node panel duplicate notice', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Grace Hopper', dx: 150, dy: 0 },
    { label: 'grace hopper', dx: 300, dy: 0 },
  ]);
  const [older, newer] = made.ids as [string, string];
  const p = await settledPos(page, newer);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', newer);
  await page.getByTestId('panel-merge-existing').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Merge “grace hopper” into “Grace Hopper”?');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', older);
  await expect.poll(async () => (await nodes(page)).filter((n) => !n.ego).map((n) => n.id)).toEqual([older]);
  expect(pageErrors).toEqual([]);
});
