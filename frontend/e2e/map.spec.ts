import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { createNode, nodes, screenPos, waitReady } from './helpers';

/** Every node's page position, by id. */
async function positions(page: Page): Promise<Map<string, { x: number; y: number }>> {
  const out = new Map<string, { x: number; y: number }>();
  for (const n of await nodes(page)) out.set(n.id, await screenPos(page, n.id));
  return out;
}

function expectSamePlaces(a: Map<string, { x: number; y: number }>, b: Map<string, { x: number; y: number }>): void {
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [id, p] of a) {
    const q = b.get(id);
    expect(q, id).toBeDefined();
    expect(Math.abs((q?.x ?? NaN) - p.x), `${id} moved in x`).toBeLessThan(1);
    expect(Math.abs((q?.y ?? NaN) - p.y), `${id} moved in y`).toBeLessThan(1);
  }
}

test('the side panel opening or closing moves nothing on the map, and never hides the node it edits', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  const canvas = page.getByTestId('graph-canvas');
  const panel = page.getByTestId('panel-node');

  // A node on the left: creating it opens its panel, the map does not move.
  const before = await positions(page);
  const wide = await canvas.boundingBox();
  const left = await createNode(page, 0.2, 0.3, 'Left', 'person');
  await expect(panel).toBeVisible();
  const narrow = await canvas.boundingBox();
  expect(narrow && wide && narrow.width < wide.width - 100).toBe(true); // the panel took room from the map
  const open = await positions(page);
  expectSamePlaces(before, new Map([...open].filter(([id]) => id !== left.id)));

  // Closing the panel moves nothing either, and a click where a node was drawn hits it.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  const closed = await positions(page);
  expectSamePlaces(open, closed);
  const lp = closed.get(left.id);
  if (!lp) throw new Error('no position for Left');
  await page.mouse.click(lp.x, lp.y);
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('field-label')).toHaveValue('Left');
  expectSamePlaces(closed, await positions(page));
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // A node near the right edge, where the panel opens: the map pans just enough to keep it in view.
  const right = await createNode(page, 0.95, 0.5, 'Right', 'source');
  await expect(panel).toBeVisible();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  const rp = await screenPos(page, right.id);
  expect(rp.x).toBeGreaterThan(box.x + 20);
  expect(rp.x).toBeLessThan(box.x + box.width - 20);
  // ... and the node is the one under the pointer there.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  const rp2 = await screenPos(page, right.id);
  await page.mouse.click(rp2.x, rp2.y);
  await expect(page.getByTestId('field-label')).toHaveValue('Right');
});
