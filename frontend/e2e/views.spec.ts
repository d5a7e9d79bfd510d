import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { PlexusTestHook as Hook } from '../src/graph/testHook';
import { drawnNodes, seed, waitReady } from './helpers';

const camera = (page: Page) => page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.camera());

test('a saved view brings back its filters, encodings, focus and camera after a reload; rename, delete and undo', async ({ page, app }) => {
  await page.goto(app.url);
  const { ids } = await seed(
    page,
    [
      { label: 'Ada', contexts: ['work'], dx: 200, dy: 0 },
      { label: 'Bo', contexts: ['home'], dx: -200, dy: 0 },
      { label: 'Feed', kind: 'source', dx: 0, dy: 200 },
      { label: 'Cy', dx: 0, dy: -200 },
    ],
    [[0, 3]],
  );
  const [ada, bo, feed, cy] = ids as [string, string, string, string];

  // Shape the map: colour by context, hide sources, focus on Ada two steps out, zoom in.
  await page.getByTestId('legend-color-by').selectOption('context');
  await page.getByTestId('legend-size-by').selectOption('degree');
  await page.getByTestId('legend-dim-kind').click();
  await page.getByTestId('legend-kind-source').uncheck();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(feed)).toBe(false);
  await page.getByTestId('zoom-in').click();
  await page.waitForTimeout(400); // the zoom animation
  const cam = (await camera(page))!;

  await page.getByTestId('views-menu').click();
  await page.getByTestId('views-save').click();
  await page.getByTestId('views-name').fill('Work map');
  await page.getByTestId('views-name').press('Enter');
  await expect(page.getByText('Saved the view “Work map”.')).toBeVisible();

  // Everything back to the defaults, then a reload: nothing of it is left in the page.
  await page.getByTestId('legend-show-all').click();
  await page.getByTestId('legend-color-by').selectOption('kind');
  await page.getByTestId('legend-size-by').selectOption('strength');
  await page.reload();
  await waitReady(page);
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(feed)).toBe(true);

  await page.getByTestId('views-menu').click();
  await page.getByTestId('views-apply').filter({ hasText: 'Work map' }).click();
  await expect(page.getByTestId('legend-color-by')).toHaveValue('context');
  await expect(page.getByTestId('legend-size-by')).toHaveValue('degree');
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(feed)).toBe(false);
  expect((await drawnNodes(page)).drawn).toEqual(expect.arrayContaining([ada, bo, cy]));
  await expect.poll(async () => (await camera(page))!.ratio).toBeCloseTo(cam.ratio, 3);
  const back = (await camera(page))!;
  expect(back.x).toBeCloseTo(cam.x, 0);
  expect(back.y).toBeCloseTo(cam.y, 0);

  // The menu marks the view the map shows.
  await page.getByTestId('views-menu').click();
  await expect(page.getByTestId('views-apply').filter({ hasText: 'Work map' })).toHaveAttribute('aria-current', 'true');

  // Rename, then delete; undo brings it back under its new name.
  await page.getByTestId('views-rename').click();
  await page.getByTestId('views-rename-input').fill('Colleagues');
  await page.getByTestId('views-rename-input').press('Enter');
  await page.getByTestId('views-menu').click();
  await expect(page.getByTestId('views-apply')).toHaveText(['Colleagues']);
  await page.getByTestId('views-delete').click();
  await expect(page.getByTestId('views-apply')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await page.getByTestId('views-menu').click();
  await expect(page.getByTestId('views-apply')).toHaveText(['Colleagues']);
  // A saved view never moves nodes.
  void bo;
});
