import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, drawnNodes, seed } from './helpers';

// Export image…: the current view as PNG (sigma's layers as drawn, at the
// map canvas's CSS size × devicePixelRatio) and as SVG (what is drawn, the
// filtered nodes left out), each with the legend, saved as a download in
// the browser. devicePixelRatio 2, so that the PNG's size is a real check.
test.use({ deviceScaleFactor: 2 });

/** The bytes of the download that clicking item starts. */
async function exported(page: Page, item: 'png' | 'svg'): Promise<{ name: string; data: Buffer }> {
  await page.getByTestId('export-image').click();
  const download = page.waitForEvent('download');
  await page.getByTestId(`export-image-${item}`).click();
  const d = await download;
  const path = await d.path();
  return { name: d.suggestedFilename(), data: fs.readFileSync(path) };
}

/** The RGB of the PNG's pixel at (x, y) device px, decoded by the page itself. */
async function pixels(page: Page, png: Buffer, points: { x: number; y: number }[]): Promise<number[][]> {
  return page.evaluate(
    async ({ b64, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      ctx.drawImage(img, 0, 0);
      return points.map((p) => Array.from(ctx.getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data.slice(0, 3)));
    },
    { b64: png.toString('base64'), points },
  );
}

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 12);

test('Export image saves the current view as PNG and SVG, filtered nodes left out', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const { ids } = await seed(
    page,
    [
      { label: 'Ada Lovelace', kind: 'person', strength: 4, dx: -150, dy: 80 },
      { label: 'Grace Hopper', kind: 'person', dx: 150, dy: 80 },
      { label: 'Feeds & <Readers>', kind: 'source', dx: 0, dy: -150 },
      { label: 'Hidden Kindle', kind: 'device', dx: 150, dy: -120 },
    ],
    [[0, 1], [1, 2]],
  );
  const [ada, , , kindle] = ids as [string, string, string, string];

  // The device kind filtered off the map.
  await page.getByTestId('legend-kind-device').uncheck();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(kindle)).toBe(false);

  // Where things are on the map now (viewport px) and its size.
  const geo = await page.evaluate(
    ({ ada, kindle }) => {
      type H = { viewportPosition(id: string): { x: number; y: number } | null };
      const h = (window as unknown as { __plexus: H }).__plexus;
      const el = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]');
      if (!el) throw new Error('no map');
      return { w: el.offsetWidth, h: el.offsetHeight, dpr: window.devicePixelRatio, ada: h.viewportPosition(ada), kindle: h.viewportPosition(kindle) };
    },
    { ada, kindle },
  );
  expect(geo.dpr).toBe(2);
  if (!geo.ada || !geo.kindle) throw new Error('nodes not on the map');

  // PNG: a real PNG of the map canvas's size × devicePixelRatio, drawn: Ada's fill where she is, nothing where the filtered device is.
  const png = await exported(page, 'png');
  expect(png.name).toMatch(/^plexus-map-\d{4}-\d{2}-\d{2}\.png$/);
  expect(png.data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.data.toString('latin1', 12, 16)).toBe('IHDR');
  expect({ w: png.data.readUInt32BE(16), h: png.data.readUInt32BE(20) }).toEqual({ w: geo.w * geo.dpr, h: geo.h * geo.dpr });
  const [atAda, atKindle] = await pixels(page, png.data, [
    { x: geo.ada.x * geo.dpr, y: geo.ada.y * geo.dpr },
    { x: geo.kindle.x * geo.dpr, y: geo.kindle.y * geo.dpr },
  ]);
  expect(near(atAda!, hex('#0072B2')), `Ada's pixel ${String(atAda)}`).toBe(true);
  expect(near(atKindle!, hex('#56B4E9')), `the filtered device's pixel ${String(atKindle)}`).toBe(false);

  // SVG: well-formed, the visible labels as text (escaped), not the filtered one, the legend with it.
  const svg = await exported(page, 'svg');
  expect(svg.name).toMatch(/^plexus-map-\d{4}-\d{2}-\d{2}\.svg$/);
  const text = svg.data.toString('utf8');
  const read = await page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    const all = (sel: string) => [...doc.querySelectorAll(sel)].map((e) => e.textContent ?? '');
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      scripts: doc.getElementsByTagName('script').length,
      labels: all('#labels text'),
      legend: all('#legend text'),
      circles: doc.querySelectorAll('#nodes circle').length,
      viewBox: doc.documentElement.getAttribute('viewBox'),
    };
  }, text);
  expect(read.errors).toBe(0);
  expect(read.scripts).toBe(0);
  expect(read.viewBox).toBe(`0 0 ${geo.w} ${geo.h}`);
  expect(read.labels).toEqual(expect.arrayContaining(['Ada Lovelace', 'Grace Hopper', 'Feeds & <Readers>']));
  expect(read.labels).not.toContain('Hidden Kindle');
  expect(text).not.toContain('Hidden Kindle');
  expect(text).toContain('Feeds &amp; &lt;Readers&gt;');
  expect(read.circles).toBe(4); // you and three alters
  expect(read.legend).toEqual(expect.arrayContaining(['You (ego)', 'Person (2)', 'Source (1)', '1 alter hidden by filters']));
  expect(read.legend.some((t) => t.startsWith('Device'))).toBe(false);
  expect(errors).toEqual([]);
});

test('Export image on the dark theme: the stage, the legend box and its text are dark-themed in PNG and SVG', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  await seed(page, [{ label: 'Ada Lovelace', kind: 'person', strength: 4, dx: -150, dy: 80 }]);
  await page.getByTestId('theme-toggle').click(); // System → Light
  await page.getByTestId('theme-toggle').click(); // Light → Dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const h = await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')!.offsetHeight);
  const lum = (p: number[]) => (0.2126 * p[0]! + 0.7152 * p[1]! + 0.0722 * p[2]!) / 255;

  // PNG: the stage's corner and the legend box's inside (its top-left padding, bottom-left of the image) are dark.
  const png = await exported(page, 'png');
  const [stage, box] = await pixels(page, png.data, [
    { x: 2 * 300, y: 2 * 4 },
    { x: 2 * 16, y: 2 * (h - 14) },
  ]);
  expect(lum(stage!), `the stage's pixel ${String(stage)}`).toBeLessThan(0.25);
  expect(lum(box!), `the legend box's pixel ${String(box)}`).toBeLessThan(0.25);

  // SVG: the background rect and the legend box dark, the legend's text light.
  const svg = (await exported(page, 'svg')).data.toString('utf8');
  const read = await page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    return {
      bg: doc.querySelector('svg > rect')?.getAttribute('fill') ?? '',
      box: doc.querySelector('#legend rect')?.getAttribute('fill') ?? '',
      text: doc.querySelector('#legend')?.getAttribute('fill') ?? '',
    };
  }, svg);
  const rgb = (c: string) => (c.startsWith('#') ? hex(c) : (c.match(/\d+/g) ?? []).slice(0, 3).map(Number));
  expect(lum(rgb(read.bg)), read.bg).toBeLessThan(0.25);
  expect(lum(rgb(read.box)), read.box).toBeLessThan(0.25);
  expect(lum(rgb(read.text)), read.text).toBeGreaterThan(0.75);
  expect(errors).toEqual([]);
});
