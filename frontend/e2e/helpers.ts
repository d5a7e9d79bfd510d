import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

// The hook's shapes come from the app itself (type-only: nothing of the app is loaded here).
import type { HookNode, PlexusTestHook as Hook } from '../src/graph/testHook';
import type { TieRow as HookTie } from '../src/api';
export type { HookNode, HookTie };

/** Reads the app's read-only test hook. */
export async function nodes(page: Page): Promise<HookNode[]> {
  return page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.nodes());
}
export async function ties(page: Page): Promise<HookTie[]> {
  return page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.ties());
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __plexus?: Hook }).__plexus?.ready === true, null, { timeout: 30_000 });
}

export async function nodeByLabel(page: Page, label: string): Promise<HookNode> {
  await expect.poll(async () => (await nodes(page)).some((n) => n.label === label)).toBe(true);
  const n = (await nodes(page)).find((x) => x.label === label);
  if (!n) throw new Error(`no node labelled ${label}`);
  return n;
}

/** Screen (page) coordinates of a node's centre. */
export async function screenPos(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('graph-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  const p = await page.evaluate((nid) => (window as unknown as { __plexus: Hook }).__plexus.viewportPosition(nid), id);
  if (!p) throw new Error(`node ${id} is not on screen`);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Page coordinates of a point given as fractions of the canvas. */
export async function canvasPoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('graph-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Double-click empty canvas at (fx, fy) and create a node with the quick form, by keyboard. */
export async function createNode(page: Page, fx: number, fy: number, label: string, kind: string): Promise<HookNode> {
  const p = await canvasPoint(page, fx, fy);
  await page.mouse.dblclick(p.x, p.y);
  await expect(page.getByTestId('quick-create')).toBeVisible();
  await page.getByTestId('quick-label').click();
  await page.keyboard.type(label);
  await page.getByTestId('quick-kind').selectOption(kind);
  await page.getByTestId('quick-label').press('Enter');
  await expect(page.getByTestId('quick-create')).toBeHidden();
  return nodeByLabel(page, label);
}

/** Drops real files onto the canvas as the browser would deliver them (HTML5 DataTransfer). */
export async function dropFile(page: Page, fileName: string, content: Buffer): Promise<void> {
  const target = page.getByTestId('graph-canvas');
  const dt = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const d = new DataTransfer();
      d.items.add(new File([bytes], name, { type: 'text/x-opml' }));
      return d;
    },
    { name: fileName, b64: content.toString('base64') },
  );
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

/**
 * importPreviewed answers the import preview that a drop or Import… opened: it waits for the dialog,
 * optionally checks how many nodes it would add, presses Import and waits for the dialog to close.
 */
export async function importPreviewed(page: Page, opts: { nodes?: number; skipUnreadable?: boolean } = {}): Promise<void> {
  const dialog = page.getByTestId('import-preview');
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  if (opts.nodes !== undefined) await expect(dialog.getByTestId('preview-nodes')).toHaveText(String(opts.nodes));
  if (opts.skipUnreadable) await dialog.getByTestId('preview-skip').check();
  await dialog.getByTestId('preview-import').click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../backend/interchange/testdata/opml');
export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(fixturesDir, name));
}

/**
 * Collects uncaught page errors; assert it stays empty. Errors thrown inside Wails' own
 * dev-mode bridge script (/wails/ipc.js, whose bundled disconnect overlay fails to mount next
 * to our Svelte 5 app) are left out: that script exists only in the dev-tag build used here,
 * never in the production app.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    const stack = e.stack ?? '';
    if (/\/wails\/ipc\.js:/.test(stack.split('\n').slice(1, 2).join(''))) return;
    errors.push(`${String(e)}\n${stack}`);
  });
  return errors;
}

/**
 * connect ties a to b the way a person does: Shift + press on a, move, release on b, then pick the
 * relation in the picker. It waits until the backend holds one tie more than before.
 */
export async function connect(page: Page, a: HookNode, b: HookNode, relation: string): Promise<void> {
  const before = (await ties(page)).length;
  const pa = await screenPos(page, a.id);
  const pb = await screenPos(page, b.id);
  await page.keyboard.down('Shift');
  await page.mouse.move(pa.x, pa.y);
  await page.mouse.down();
  await page.mouse.move((pa.x + pb.x) / 2, (pa.y + pb.y) / 2, { steps: 8 });
  await page.mouse.move(pb.x, pb.y, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('relation-picker')).toBeVisible();
  await page.getByTestId('relation-select').selectOption(relation);
  await page.getByTestId('relation-submit').click();
  await expect.poll(async () => (await ties(page)).length).toBe(before + 1);
}

/** The ids the map draws now, and those it draws dimmed (test hook: sigma's display data). */
export async function drawnNodes(page: Page): Promise<{ drawn: string[]; dimmed: string[] }> {
  return page.evaluate(() => {
    const h = (window as unknown as { __plexus: Hook }).__plexus;
    return { drawn: h.drawn(), dimmed: h.dimmed() };
  });
}

export type SeedNode = { label: string; kind?: string; strength?: number; status?: string; role?: string; mode?: string; contexts?: string[]; tags?: string[]; cadence?: number; dx: number; dy: number };

/**
 * seed makes nodes (at the ego's position + dx, dy) and ties between them
 * (by index) through the bound methods, the UI's own write path, then reloads
 * so the map is framed around them. Returns the ego and the node and tie ids.
 */
export async function seed(page: Page, ns: SeedNode[], ts: [number, number, number?][] = []): Promise<{ ego: { id: string; x: number; y: number }; ids: string[]; tieIds: string[] }> {
  await waitReady(page);
  const ego = (await nodes(page)).find((n) => n.ego);
  if (!ego) throw new Error('no ego');
  const made = await page.evaluate(
    async ({ ego, ns, ts }) => {
      type Svc = Record<string, (...a: unknown[]) => Promise<{ id: string }>>;
      const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
      const ids: string[] = [];
      for (const n of ns) {
        const f = { label: n.label, kind: n.kind ?? 'person', strength: n.strength ?? 0, relation: n.strength ? 'knows' : '', status: n.status ?? '', role: n.role ?? '', mode: n.mode ?? '', cadence: n.cadence ?? 0, tags: n.tags ?? [], emails: [], contexts: n.contexts ?? [], extra: {} };
        ids.push((await go.NetworkService.CreateNode(f, ego.x + n.dx, ego.y + n.dy)).id);
      }
      const tieIds: string[] = [];
      for (const [i, j, strength] of ts)
        tieIds.push((await go.NetworkService.CreateTie({ from: ids[i], to: ids[j], relation: 'knows', note: '', directed: false, strength: strength ?? 3 })).id);
      return { ids, tieIds };
    },
    { ego, ns, ts },
  );
  await page.reload();
  await waitReady(page);
  await expect.poll(async () => (await nodes(page)).length).toBe(ns.length + 1);
  return { ego, ...made };
}

/** A node's page position once the map has stopped moving (a panel that just opened may pan it into view). */
export async function settledPos(page: Page, id: string): Promise<{ x: number; y: number }> {
  let last = await screenPos(page, id);
  await expect
    .poll(async () => {
      await page.waitForTimeout(100);
      const p = await screenPos(page, id);
      const still = Math.hypot(p.x - last.x, p.y - last.y) < 0.5;
      last = p;
      return still;
    })
    .toBe(true);
  return last;
}
