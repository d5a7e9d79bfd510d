import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { collectPageErrors, nodes, screenPos, seed, waitReady } from './helpers';
import type { PlexusTestHook as Hook } from '../src/graph/testHook';

// Issue 8, reading the map at any size: every node is hit within 6 px of its
// centre at any zoom (graph/hit.ts), and no two drawn labels — node labels,
// and the focus overlay's relations and neighbour labels — intersect at the
// fit view of a 2,000-node network (backend/synth's plnsynth).

/** hook runs f on the page with the test hook (f is sent as its source: it may use nothing but h). */
const hook = <T>(page: Page, f: (h: Hook) => T): Promise<T> => page.evaluate(`(${f.toString()})(window.__plexus)`) as Promise<T>;
const camera = (page: Page) => page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.camera());

test('a small dot is hit 5 px from its centre with the map zoomed out as far as it goes', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Faint', strength: 1, dx: 400, dy: 0 },
    { label: 'Other', strength: 1, dx: -400, dy: 0 },
  ]);
  const faint = made.ids[0]!;
  // Zoomed out to sigma's maxCameraRatio with the wheel, over the canvas's centre.
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect
    .poll(
      async () => {
        await page.mouse.wheel(0, 400);
        await page.waitForTimeout(60);
        return (await camera(page))!.ratio;
      },
      { timeout: 20_000, intervals: [0] },
    )
    .toBeGreaterThanOrEqual(19.99);
  await page.waitForTimeout(400); // the wheel's zoom animation ends
  // Drawn well under 5 px in radius (sigma: size / √ratio), so 5 px off its centre is outside the dot itself.
  const look = await hook(page, (h) => h.looks());
  const ratio = (await camera(page))!.ratio;
  const faintPx = look[faint]!.size / Math.sqrt(ratio);
  expect(faintPx).toBeLessThan(3);
  const at = await screenPos(page, faint);
  const ego = await screenPos(page, made.ego.id);
  expect(at.x - ego.x).toBeGreaterThan(12); // the ego is not the nearest node to the pointer
  // Hover 5 px to the right (away from the rest): the pointer cursor; a click opens its panel.
  await page.mouse.move(at.x + 5, at.y);
  await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid=graph-canvas]') as HTMLElement).style.cursor)).toBe('pointer');
  await page.mouse.click(at.x + 5, at.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', faint);
  // 8 px away is empty canvas: the panel closes.
  const now = await screenPos(page, faint);
  await page.mouse.click(now.x + 8, now.y - 6);
  await expect(page.getByTestId('panel-node')).toBeHidden();
  expect(errors).toEqual([]);
});

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type B = { x: number; y: number; w: number; h: number };
/** intersections: the pairs of boxes that intersect (touching edges do not), as JSON for the failure message */
function intersections(boxes: B[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) bad.push(JSON.stringify([a, b]));
    }
  return bad;
}

test('at 2,000 nodes, no two drawn labels intersect at the fit view, nor with a node focused (its relations drawn)', async ({ page, app }, testInfo) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);
  const file = testInfo.outputPath('pln-2k.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const args = ['-nodes', '2000', '-ties', '6000', '-seed', '11', '-out', file];
  if (process.env.PLNSYNTH) execFileSync(process.env.PLNSYNTH, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  else execFileSync('go', ['run', './backend/synth/cmd/plnsynth', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  await app.stop();
  execFileSync(process.env.PLEXUS_BIN!, ['restore', '--in', file, '--data-dir', app.dataDir], { stdio: 'pipe' });
  await app.restart();
  await page.goto(app.url);
  await waitReady(page);
  await expect.poll(async () => (await nodes(page)).length, { timeout: 60_000 }).toBe(2000);

  const labels = () => hook(page, (h) => ({ sigma: h.labelBoxes(), overlay: h.overlayLabelBoxes() }));
  // (Under software rendering labels are left out while the camera moves: wait for them.)
  await page.getByTestId('zoom-fit').click();
  await expect.poll(async () => (await labels()).sigma.length, { timeout: 20_000 }).toBeGreaterThan(15);
  const fit = await labels();
  expect(intersections(fit.sigma)).toEqual([]);

  // The ego focused (opened from the palette: alters are drawn over it), the pointer away: its 2,000
  // ties' relations and its neighbours' labels drawn by the overlay.
  const ego = (await nodes(page)).find((n) => n.ego)!;
  await page.mouse.move(5, 5);
  await page.keyboard.press('Control+k');
  await page.keyboard.type(ego.label);
  await expect(page.getByTestId('palette-item').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ego.id);
  await page.mouse.move(5, 5);
  await expect.poll(async () => (await labels()).overlay.length, { timeout: 20_000 }).toBeGreaterThan(5);
  await page.waitForTimeout(500); // the panel's camera move settles
  await expect.poll(async () => (await labels()).sigma.length, { timeout: 20_000 }).toBeGreaterThan(15);
  const focused = await labels();
  // sigma's labels and the overlay's relations and neighbour labels, against each other too
  expect(intersections([...focused.sigma, ...focused.overlay])).toEqual([]);
  expect(errors).toEqual([]);
});
