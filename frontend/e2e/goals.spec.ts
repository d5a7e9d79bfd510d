import { expect, test } from './fixtures';
import { collectPageErrors, screenPos, seed } from './helpers';

// Goals end to end with real pointer and keys: create a goal, link a helper,
// see "nobody helping" go, Show on map selects the helper, Undo takes the link back.
test('a goal: create, link a helper, show on map, undo', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [{ label: 'Ana', dx: 150, dy: 0 }]);
  await page.getByTestId('tab-goals').click();
  await page.getByTestId('goal-new-title').click();
  await page.keyboard.type('Learn Rust');
  await page.keyboard.press('Enter');
  const goal = page.getByTestId('goal').filter({ hasText: 'Learn Rust' });
  await expect(goal).toBeVisible();
  await expect(goal.getByTestId('goal-helpers')).toHaveText('nobody helping');

  // Link Ana from her node panel on the map.
  await page.getByTestId('tab-map').click();
  const at = await screenPos(page, made.ids[0]!);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', made.ids[0]!);
  await page.getByTestId('node-goal-link').selectOption({ label: 'Learn Rust' });
  await expect(page.getByTestId('node-goal')).toHaveText(/Learn Rust/);
  await page.keyboard.press('Escape'); // nothing selected: Show on map must select her
  await expect(page.getByTestId('panel-node')).toBeHidden();
  await page.getByTestId('tab-goals').click();
  await expect(goal.getByTestId('goal-helper')).toHaveText(/Ana/);
  await expect(goal.getByTestId('goal-helpers')).toHaveText('1 helping');

  await goal.getByTestId('goal-show-on-map').click();
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', made.ids[0]!);

  // Undo (the app's button) takes the link back; the goals view shows it on return.
  await page.getByTestId('history-undo').click();
  await page.getByTestId('tab-goals').click();
  await expect(goal.getByTestId('goal-helpers')).toHaveText('nobody helping');
  expect(pageErrors).toEqual([]);
});

test('a goal is edited in place: title, description (shown as Markdown, sanitised) and target date, one undo step', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await page.getByTestId('tab-goals').click();
  await page.getByTestId('goal-new-title').fill('Learn Rust');
  await page.keyboard.press('Enter');
  const goal = page.getByTestId('goal').filter({ hasText: 'Learn Rust' });
  await expect(goal).toBeVisible();

  await goal.getByTestId('goal-edit').click();
  const title = goal.getByTestId('goal-edit-title');
  await expect(title).toHaveValue('Learn Rust');
  await title.fill('Learn Rust well');
  await goal.getByTestId('goal-edit-description').fill('Read **the book** <img src=x onerror="window.__pwned=1">');
  await goal.getByTestId('goal-edit-target').fill('2027-03-31');
  // Escape cancels: nothing written.
  await goal.getByTestId('goal-edit-title').press('Escape');
  await expect(goal.getByTestId('goal-edit-form')).toHaveCount(0);
  await expect(goal.locator('.title')).toHaveText('Learn Rust');

  await goal.getByTestId('goal-edit').click();
  await title.fill('Learn Rust well');
  await goal.getByTestId('goal-edit-description').fill('Read **the book** <img src=x onerror="window.__pwned=1">');
  await goal.getByTestId('goal-edit-target').fill('2027-03-31');
  await title.press('Enter');
  const edited = page.getByTestId('goal').filter({ hasText: 'Learn Rust well' });
  await expect(edited.getByTestId('goal-edit-form')).toHaveCount(0);
  await expect(edited.locator('.target')).toHaveText('2027-03-31');
  await edited.locator('.title').click();
  await expect(edited.getByTestId('goal-description').locator('strong')).toHaveText('the book');
  await expect(edited.getByTestId('goal-description').locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // One step: Undo brings the old title, no description, no date back.
  await page.getByTestId('history-undo').click();
  const back = page.getByTestId('goal').filter({ hasText: 'Learn Rust' });
  await expect(back.locator('.title')).toHaveText('Learn Rust');
  await expect(back.locator('.target')).toHaveText('no target date');
  expect(pageErrors).toEqual([]);
});
