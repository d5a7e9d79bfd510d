import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { seed, screenPos } from './helpers';

/** the relative luminance (0 black … 1 white) of an element's computed background */
async function bgLuminance(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel}`);
    const m = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
    if (!m) throw new Error('no background colour');
    const [r, g, b] = m.map(Number) as [number, number, number];
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  }, selector);
}

const root = (page: Page) => bgLuminance(page, 'html');

test('the theme toggle: dark by a click, kept over a reload, System follows the system setting', async ({ page, app }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  const { ids } = await seed(page, [
    { label: 'Greta Gopher', dx: 200, dy: 0 },
    { label: 'Grey Matter podcast', kind: 'source', dx: -200, dy: 40 },
    { label: 'Weekly Systems Club', kind: 'community', dx: 0, dy: 180 },
  ], [[0, 1, 3]]);
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveAttribute('data-choice', 'system');
  expect(await root(page)).toBeGreaterThan(0.8);

  // System → Light → Dark, by clicks.
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-choice', 'light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-choice', 'dark');
  await expect(toggle).toHaveAccessibleName(/Theme: Dark/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await root(page)).toBeLessThan(0.2);
  expect(await bgLuminance(page, '[data-testid=graph-canvas]')).toBeLessThan(0.2);
  // Native controls follow (color-scheme).
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');

  // The map in dark, a node hovered (sigma's hover box): looked at by eye.
  const p = await screenPos(page, ids[0]!);
  await page.mouse.move(p.x, p.y);
  await page.waitForTimeout(300);
  await page.screenshot({ path: testInfo.outputPath('map-dark.png') });
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('panel-node')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('panel-dark.png') });
  await page.getByTestId('tab-table').click();
  await page.screenshot({ path: testInfo.outputPath('table-dark.png') });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('gre');
  await page.screenshot({ path: testInfo.outputPath('palette-dark.png') });
  await page.keyboard.press('Escape');

  // The journal in dark, with an entry.
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  const editor = page.getByTestId('journal-editor');
  await editor.getByTestId('journal-editor-body').click();
  await page.keyboard.type('Coffee with **Greta**: she explained `sigma` and [[Grey Matter podcast]].');
  await editor.getByTestId('journal-save').click();
  await expect(editor.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('journal-dark.png') });
  await page.getByTestId('tab-goals').click();
  await page.getByTestId('history-toggle').click();
  await page.screenshot({ path: testInfo.outputPath('goals-history-dark.png') });
  await page.getByTestId('history-toggle').click();

  // Kept over a reload, and applied before the app draws.
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-choice', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await root(page)).toBeLessThan(0.2);
  // A light system does not override the choice.
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await root(page)).toBeLessThan(0.2);

  // Dark → System: follows the system setting, both ways, without a reload.
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-choice', 'system');
  expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
  expect(await root(page)).toBeGreaterThan(0.8);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => root(page)).toBeLessThan(0.2);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => root(page)).toBeGreaterThan(0.8);
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-choice', 'system');
  expect(await page.evaluate(() => localStorage.getItem('plexus.theme'))).toBeNull();
});

test('the palette sets the theme', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await page.getByTestId('theme-toggle').waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('>theme dark');
  await expect(page.getByTestId('palette-item').first()).toHaveText(/Theme: dark/);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await root(page)).toBeLessThan(0.2);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('>theme light');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await root(page)).toBeGreaterThan(0.8);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('>theme follow');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-choice', 'system');
  await expect.poll(() => root(page)).toBeLessThan(0.2);
});
