import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, nodes, seed } from './helpers';

/** The labels of the table's rows, top to bottom (the rendered window: all of them here). */
async function rowLabels(page: Page): Promise<string[]> {
  return page.getByTestId('table-row').getByTestId('table-cell-label').allInnerTexts();
}

/** The label cell of the row whose label is exactly this. */
function labelCell(page: Page, label: string) {
  return page.getByTestId('table-cell-label').filter({ hasText: new RegExp(`^${label}$`) });
}

async function storedKind(page: Page, id: string): Promise<string> {
  return page.evaluate(async (id) => {
    type Svc = Record<string, (...a: unknown[]) => Promise<{ kind: string }>>;
    const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
    return (await go.NetworkService.GetNode(id)).kind;
  }, id);
}

test('table edit shows on the map: sort, edit inline by keyboard, Shift-click three and delete them (one undo), show a selection on the map', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Ada', tags: ['maths'], dx: 200, dy: 0 },
    { label: 'Bob', dx: 0, dy: 200 },
    { label: 'Carol', dx: -200, dy: 0 },
    { label: 'Dan', dx: 0, dy: -200 },
    { label: 'Émile', dx: 150, dy: 150 },
  ]);

  await page.getByTestId('tab-table').click();
  await expect(page.getByTestId('table-view')).toBeVisible();
  await expect(page.getByTestId('table-row')).toHaveCount(6);
  await expect(page.getByTestId('table-row').first()).toContainText('you'); // the ego first, marked

  // Sorted by label A–Z to start with (accents ignored); one click on the header: Z–A.
  expect((await rowLabels(page)).slice(1)).toEqual(['Ada', 'Bob', 'Carol', 'Dan', 'Émile']);
  await page.getByTestId('table-sort-label').click();
  await expect(page.locator('th', { has: page.getByTestId('table-sort-label') })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await rowLabels(page)).slice(1)).toEqual(['Émile', 'Dan', 'Carol', 'Bob', 'Ada']);

  // The filter finds label or tag, accents ignored.
  await page.getByTestId('table-filter').fill('emile');
  await expect(page.getByTestId('table-row')).toHaveCount(1);
  await page.getByTestId('table-filter').fill('MATHS');
  await expect(page.getByTestId('table-row')).toHaveCount(1);
  await expect(page.getByTestId('table-row')).toContainText('Ada');
  await page.getByTestId('table-filter').fill('');
  await expect(page.getByTestId('table-row')).toHaveCount(6);

  // Keyboard: focus Émile's label, ArrowDown twice to Carol, Enter edits, type, Enter saves.
  await labelCell(page, 'Émile').click();
  await expect(labelCell(page, 'Émile')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(labelCell(page, 'Carol')).toBeFocused();
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('table-edit');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveAccessibleName('Label of Carol');
  await page.keyboard.type('Caroline');
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  await expect(labelCell(page, 'Caroline')).toBeFocused();

  // Escape cancels an edit.
  await page.keyboard.press('Enter');
  await page.keyboard.type('Nobody');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(labelCell(page, 'Caroline')).toBeVisible();

  // A choice picked in a select is saved at once (Ada becomes a source).
  const adaRow = page.getByTestId('table-row').filter({ has: labelCell(page, 'Ada') });
  await adaRow.getByTestId('table-cell-kind').dblclick();
  await page.getByTestId('table-edit').selectOption('source');
  await expect(adaRow.getByTestId('table-cell-kind')).toHaveText('Source');
  expect(await storedKind(page, made.ids[0]!)).toBe('source');

  // The map shows the new label.
  await page.getByTestId('tab-map').click();
  const alterLabels = async () => (await nodes(page)).filter((n) => !n.ego).map((n) => n.label).sort();
  await expect.poll(alterLabels).toEqual(['Ada', 'Bob', 'Caroline', 'Dan', 'Émile'].sort());

  // Back in the table (still Z–A): click Émile, Shift-click Caroline: three selected; delete them, one step.
  await page.getByTestId('tab-table').click();
  await expect.poll(async () => (await rowLabels(page)).slice(1)).toEqual(['Émile', 'Dan', 'Caroline', 'Bob', 'Ada']);
  await labelCell(page, 'Émile').click();
  await labelCell(page, 'Caroline').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('table-selected-count')).toHaveAttribute('data-count', '3');
  await expect(page.locator('tr[aria-selected="true"]')).toHaveCount(3);
  await page.getByTestId('table-delete').click();
  await expect(page.getByTestId('confirm-message')).toContainText('“Émile”, “Dan” and “Caroline”');
  await page.getByTestId('confirm-ok').click();
  await expect.poll(alterLabels).toEqual(['Ada', 'Bob']);
  await expect(page.getByTestId('table-row')).toHaveCount(3);
  await expect(page.getByTestId('history-undo')).toHaveAttribute('title', 'Undo: Delete 3 nodes');

  // One Undo brings all three back.
  await page.getByTestId('history-undo').click();
  await expect.poll(async () => (await nodes(page)).length).toBe(6);
  await expect(page.getByTestId('table-row')).toHaveCount(6);

  // Select them again (Ctrl/Cmd-click adds and takes out one), then Show on map: the map selects the same three.
  await labelCell(page, 'Émile').click();
  await labelCell(page, 'Caroline').click({ modifiers: ['Shift'] });
  await labelCell(page, 'Ada').click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('table-selected-count')).toHaveAttribute('data-count', '4');
  await labelCell(page, 'Ada').click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('table-selected-count')).toHaveAttribute('data-count', '3');
  await page.getByTestId('table-show-on-map').click();
  await expect(page.getByTestId('map-view')).toBeVisible();
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByTestId('panel-selection');
  await expect(panel).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('selection-names')).toHaveText('“Émile”, “Dan” and “Caroline”');

  // Ctrl+A in the table selects every alter shown, never the ego.
  await page.getByTestId('tab-table').click();
  await labelCell(page, 'Bob').click();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByTestId('table-selected-count')).toHaveAttribute('data-count', '5');
  expect(pageErrors).toEqual([]);
});

test("Show on map of a node the legend's filters hide says so, and Show all draws it", async ({ page, app }) => {
  await page.goto(app.url);
  const made = await seed(page, [{ label: 'Archie', status: 'archived', dx: 200, dy: 0 }]);
  const archie = made.ids[0]!;
  const drawn = () => page.evaluate((id) => (window as unknown as { __plexus: { drawn(): string[] } }).__plexus.drawn().includes(id), archie);
  expect(await drawn()).toBe(false); // archived: hidden by default
  await page.getByTestId('tab-table').click();
  await labelCell(page, 'Archie').click();
  await page.getByTestId('table-show-on-map').click();
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', archie);
  await expect(page.getByTestId('toast-message').filter({ hasText: '“Archie” is hidden by the legend\'s filters.' })).toBeVisible();
  await page.getByTestId('toast-show-all').click();
  await expect.poll(drawn).toBe(true);
});
