import { expect, test } from './fixtures';
import { collectPageErrors, screenPos, seed } from './helpers';

// The context list end to end with real pointer and keys: open the settings from the
// palette, add "conference", move it with the keyboard, rename "school" → "university" and
// see Ana's context follow in her panel, then Ctrl+Z takes the rename back on her too.
test('contexts: add, reorder, rename across nodes, undo', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Ana', dx: 150, dy: 0, contexts: ['school'] },
    { label: 'Bo', dx: -150, dy: 0, contexts: ['home'] },
  ]);
  const ana = made.ids[0]!;
  const openAna = async () => {
    const at = await screenPos(page, ana);
    await page.mouse.click(at.x, at.y);
    await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ana);
  };
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('panel-node')).toBeHidden();
  };

  // The panel offers the managed list as checkboxes.
  await openAna();
  await expect(page.getByTestId('field-contexts')).toHaveValue('school');
  const choices = page.getByTestId('context-choice');
  await expect(choices).toHaveCount(3);
  await expect(page.locator('[data-testid="context-choice"][data-name="school"]')).toBeChecked();
  await expect(page.locator('[data-testid="context-choice"][data-name="work"]')).not.toBeChecked();
  await closePanel();

  // Colour by context: the legend lists the contexts in use in the list's order.
  await page.getByTestId('legend-color-by').selectOption('context');
  const legendOrder = () =>
    page.evaluate(() => [...new Set([...document.querySelectorAll('[data-testid^="legend-context-"]')].map((e) => e.getAttribute('data-testid')))]);
  await expect.poll(legendOrder).toEqual(['legend-context-school', 'legend-context-home']);

  // Open settings from the palette.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('open settings');
  await expect(page.getByTestId('palette-item').first()).toHaveAttribute('data-id', 'app.settings');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('context-row');
  await expect(rows).toHaveText([/work.*0 nodes/, /school.*1 node/, /home.*1 node/]);

  // Add "conference" with the keyboard.
  await dialog.getByTestId('context-add-input').click();
  await page.keyboard.type('conference');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3)).toHaveAttribute('data-name', 'conference');

  // Move "home" up with the keyboard: the focus stays on its ↑ button, and the legend follows.
  await dialog.getByRole('button', { name: 'Move home up' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows.nth(1)).toHaveAttribute('data-name', 'home');
  await expect(dialog.getByRole('button', { name: 'Move home up' })).toBeFocused();
  await expect.poll(legendOrder).toEqual(['legend-context-home', 'legend-context-school']);

  // Rename "school" in place.
  await dialog.locator('[data-testid="context-row"][data-name="school"]').getByTestId('context-name').click();
  const input = dialog.getByTestId('context-rename-input');
  await expect(input).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('university');
  await page.keyboard.press('Enter');
  await expect(rows.nth(2)).toHaveAttribute('data-name', 'university');
  await expect(rows.nth(2)).toHaveText(/1 node/);
  await expect(dialog.getByTestId('context-rename-input')).toHaveCount(0);
  await expect(dialog.getByTestId('settings-error')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Ana's context followed.
  await openAna();
  await expect(page.getByTestId('field-contexts')).toHaveValue('university');
  await expect(page.locator('[data-testid="context-choice"][data-name="university"]')).toBeChecked();
  await expect(choices).toHaveCount(4);
  await closePanel();

  // Ctrl+Z takes the rename back, on the list and on Ana.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await openAna();
  await expect(page.getByTestId('field-contexts')).toHaveValue('school');
  await expect(page.locator('[data-testid="context-choice"][data-name="school"]')).toBeChecked();
  await closePanel();
  await page.getByTestId('settings-open').click();
  await expect(rows).toHaveText([/work/, /home/, /school.*1 node/, /conference/]);
  expect(pageErrors).toEqual([]);
});
