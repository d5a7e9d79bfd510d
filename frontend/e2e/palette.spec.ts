import { test, expect } from './fixtures';
import { seed } from './helpers';

test('the command palette: / or Ctrl+K, type, arrows and Enter open a node or run a command; Esc closes it', async ({ page, app }) => {
  await page.goto(app.url);
  const { ids } = await seed(page, [
    { label: 'Greta Gopher', dx: 200, dy: 0 },
    { label: 'Grey Matter podcast', kind: 'source', dx: -200, dy: 0 },
    { label: 'Hidden Archive', status: 'archived', dx: 0, dy: 200 },
  ]);
  const [greta, grey] = ids as [string, string, string];

  // "/" outside text opens it; the best match first, as the search box's Enter.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type('gre');
  const items = page.getByTestId('palette-item');
  await expect(items.first()).toHaveAttribute('data-id', greta);
  await expect(items.nth(1)).toHaveAttribute('data-id', grey);
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', grey);

  // A node filtered off the map (archived, hidden by default) is not offered.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('hidden archive');
  await expect(page.getByTestId('palette-empty')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette')).toBeHidden();

  // Ctrl+K works in a text field too; ">" lists commands only; a command runs on Enter.
  await page.getByTestId('search-input').click();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('>journal');
  // Commands only: "Go to the journal" and "New journal entry", no node.
  await expect(items).toHaveText([/Go to the journal/, /New journal entry/]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('map-view')).toBeHidden();
  await expect(page.getByTestId('journal-editor-body')).toHaveCount(0); // the first: the journal, no editor

  // A Map command shows the Map first.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('colour by role');
  await expect(items.first()).toHaveAttribute('data-id', 'map.color.role');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('map-view')).toBeVisible();
  await expect(page.getByTestId('legend-color-by')).toHaveValue('role');
});
