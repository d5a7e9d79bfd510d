import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, drawnNodes, nodes, screenPos, seed, settledPos, ties } from './helpers';

type Saved = { id: string; label: string; x: number; y: number; pinned: boolean; tags: string[] };

/** What the backend holds for these ids (through the bound GetNode), in order; null for a node that is gone. */
async function saved(page: Page, ids: string[]): Promise<(Saved | null)[]> {
  return page.evaluate(async (ids) => {
    type Svc = Record<string, (...a: unknown[]) => Promise<Saved>>;
    const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
    const out: (Saved | null)[] = [];
    for (const id of ids) {
      try {
        const n = await go.NetworkService.GetNode(id);
        out.push({ id: n.id, label: n.label, x: n.x ?? 0, y: n.y ?? 0, pinned: n.pinned ?? false, tags: n.tags ?? [] }); // the JSON leaves out zero values
      } catch {
        out.push(null);
      }
    }
    return out;
  }, ids);
}

async function expectUndoTitle(page: Page, title: string) {
  await expect(page.getByTestId('history-undo')).toHaveAttribute('title', title);
}

test('box select five nodes, Ctrl+click one more and out again, move, tag, unpin, pin and delete them, each one step; undo brings them back', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  // Five alters in a cluster, tied in a chain, and one (Far) between the ego and the cluster: on
  // screen whichever way a panel pans the map.
  const cluster = [0, 1, 2, 3, 4].map((i) => ({ label: `C${i}`, tags: ['seed'], dx: 300 + (i % 3) * 60, dy: 200 + Math.floor(i / 3) * 60 }));
  const made = await seed(page, [...cluster, { label: 'Far', tags: ['seed'], dx: 150, dy: 260 }], [[0, 1], [1, 2], [2, 3], [3, 4]]);
  const ego = made.ego;
  const seeded = { ids: made.ids.slice(0, 5), far: made.ids[5]! };

  // Shift+drag a box around the cluster, from empty canvas: a dashed box while dragging, then five selected.
  const pts = await Promise.all(seeded.ids.map((id) => screenPos(page, id)));
  const x0 = Math.min(...pts.map((p) => p.x)) - 25;
  const y0 = Math.min(...pts.map((p) => p.y)) - 25;
  const x1 = Math.max(...pts.map((p) => p.x)) + 25;
  const y1 = Math.max(...pts.map((p) => p.y)) + 25;
  await page.keyboard.down('Shift');
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 5 });
  await expect(page.getByTestId('select-box')).toBeVisible();
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('select-box')).toBeHidden();
  const panel = page.getByTestId('panel-selection');
  await expect(panel).toHaveAttribute('data-count', '5');
  await expect(page.getByTestId('panel-title')).toHaveText('5 nodes selected');
  await expect(page.getByTestId('selection-names')).toContainText('and 1 more');

  // Ctrl+click the far node: six; again: five.
  const fp = await settledPos(page, seeded.far);
  await page.keyboard.down('Control');
  await page.mouse.click(fp.x, fp.y);
  await expect(panel).toHaveAttribute('data-count', '6');
  await page.mouse.click(fp.x, fp.y);
  await page.keyboard.up('Control');
  await expect(panel).toHaveAttribute('data-count', '5');

  // Drag one of them: all five move by the same amount, saved as one step.
  const before = await saved(page, seeded.ids);
  const p2 = await settledPos(page, seeded.ids[2]);
  await page.mouse.move(p2.x, p2.y);
  await page.mouse.down();
  await page.mouse.move(p2.x + 80, p2.y + 50, { steps: 12 });
  await page.mouse.up();
  await expectUndoTitle(page, 'Undo: Move 5 nodes');
  const after = (await saved(page, seeded.ids)) as Saved[];
  const dx = after[0].x - before[0]!.x;
  const dy = after[0].y - before[0]!.y;
  expect(Math.hypot(dx, dy)).toBeGreaterThan(1);
  for (let i = 0; i < 5; i++) {
    expect(after[i].x - before[i]!.x).toBeCloseTo(dx, 3);
    expect(after[i].y - before[i]!.y).toBeCloseTo(dy, 3);
  }
  expect((await saved(page, [seeded.far]))[0]).toMatchObject({ pinned: true }); // untouched
  await expect(panel).toHaveAttribute('data-count', '5'); // the drag kept the selection

  // A press on the ego that moves (the ego stays) is no click on empty canvas: the selection stays.
  const ep = await settledPos(page, ego.id);
  await page.mouse.move(ep.x, ep.y);
  await page.mouse.down();
  await page.mouse.move(ep.x + 40, ep.y + 30, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300); // a click would clear the selection after the panel's leave() (async)
  await expect(panel).toHaveAttribute('data-count', '5');

  // Escape in the tag field leaves the field and keeps the text; the selection stays.
  await page.getByTestId('selection-tag-input').fill('draft');
  await page.getByTestId('selection-tag-input').press('Escape');
  await expect(page.getByTestId('selection-tag-input')).not.toBeFocused();
  await expect(page.getByTestId('selection-tag-input')).toHaveValue('draft');
  await expect(panel).toHaveAttribute('data-count', '5');

  // Tag all five (Enter in the field), one step.
  await page.getByTestId('selection-tag-input').fill('cohort, go');
  await page.getByTestId('selection-tag-input').press('Enter');
  await expect(page.getByTestId('selection-note')).toHaveText('Tagged 5 nodes “cohort”, “go”.');
  for (const n of (await saved(page, seeded.ids)) as Saved[]) expect(n.tags).toEqual(['seed', 'cohort', 'go']);
  expect(((await saved(page, [seeded.far]))[0] as Saved).tags).toEqual(['seed']);
  const tagStep = await page.getByTestId('history-undo').getAttribute('title');
  expect(tagStep).toMatch(/^Undo: .*5 nodes/);
  // Adding them again changes nothing and says so (no step).
  await page.getByTestId('selection-tag-input').fill('go');
  await page.getByTestId('selection-tag-add').click();
  await expect(page.getByTestId('selection-note')).toHaveText('Every selected node already has “go”.');
  await expectUndoTitle(page, tagStep!);

  // Unpin all, then pin all: one step each.
  await expect(page.getByTestId('selection-pinned')).toHaveText('5 of 5 pinned');
  await page.getByTestId('selection-unpin').click();
  await expect(page.getByTestId('selection-pinned')).toHaveText('0 of 5 pinned');
  await expectUndoTitle(page, 'Undo: Unpin 5 nodes');
  await page.getByTestId('selection-pin').click();
  await expect(page.getByTestId('selection-pinned')).toHaveText('5 of 5 pinned');
  await expectUndoTitle(page, 'Undo: Pin 5 nodes');

  // The Delete key deletes the five and their four ties, after a confirmation: one step.
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('confirm-message')).toContainText('Their ties are deleted too');
  await page.getByTestId('confirm-ok').click();
  await expect.poll(async () => (await nodes(page)).length).toBe(2);
  await expect(panel).toBeHidden();
  await expectUndoTitle(page, 'Undo: Delete 5 nodes and 4 ties');
  expect(await saved(page, seeded.ids)).toEqual([null, null, null, null, null]);

  // One Ctrl+Z brings all five back, with their ties, tags and positions.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await nodes(page)).length).toBe(7);
  const back = (await saved(page, seeded.ids)) as Saved[];
  for (let i = 0; i < 5; i++) {
    expect(back[i]).toMatchObject({ pinned: true, tags: ['seed', 'cohort', 'go'] });
    expect(back[i].x).toBeCloseTo(after[i].x, 3);
  }
  await expect.poll(async () => (await ties(page)).length).toBe(4);

  // Ctrl+A selects every alter (never the ego); Escape clears.
  await page.keyboard.press('Control+a');
  await expect(panel).toHaveAttribute('data-count', '6');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('the right-click menu on a node, a tie, empty canvas and a selection does what the panels do, by pointer and by keyboard', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [{ label: 'Ada', dx: 200, dy: 150 }, { label: 'Bob', dx: 400, dy: 150 }], [[0, 1, 5]]);
  const seeded = { a: made.ids[0]!, b: made.ids[1]!, t: made.tieIds[0]! };
  const menu = page.getByTestId('context-menu');

  // On a node: its title, and Unpin (made by hand, so pinned) is one step.
  let pa = await settledPos(page, seeded.a);
  await page.mouse.click(pa.x, pa.y, { button: 'right' });
  await expect(menu).toBeVisible();
  await expect(menu).toContainText('Ada');
  await expect(page.getByTestId('menu-open')).toBeFocused(); // the keyboard starts on the first item
  await page.getByTestId('menu-unpin').click();
  await expect(menu).toBeHidden();
  await expectUndoTitle(page, 'Undo: Unpin “Ada”');
  expect((await saved(page, [seeded.a]))[0]?.pinned).toBe(false);

  // Escape closes it and does nothing else.
  await page.mouse.click(pa.x, pa.y, { button: 'right' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByTestId('panel-node')).toBeHidden();

  // On empty canvas: "Add a node here" opens the quick form there.
  const empty = { x: pa.x - 120, y: pa.y + 120 };
  await page.mouse.click(empty.x, empty.y, { button: 'right' });
  await page.getByTestId('menu-add').click();
  await expect(page.getByTestId('quick-create')).toBeVisible();
  await expect(page.getByTestId('quick-label')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('quick-create')).toBeHidden();

  // By keyboard: down to "Select all", Enter.
  await page.mouse.click(empty.x, empty.y, { button: 'right' });
  await expect(page.getByTestId('menu-add')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('menu-selectAll')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-selection')).toHaveAttribute('data-count', '2');

  // On a selected node: the selection's actions. Delete both, one step; Ctrl+Z brings them back.
  pa = await settledPos(page, seeded.a);
  await page.mouse.click(pa.x, pa.y, { button: 'right' });
  await expect(menu).toContainText('2 nodes selected');
  await page.getByTestId('menu-deleteAll').click();
  await expect(page.getByTestId('confirm-message')).toContainText('“Ada” and “Bob”');
  await page.getByTestId('confirm-ok').click();
  await expect.poll(async () => (await nodes(page)).length).toBe(1);
  await expectUndoTitle(page, 'Undo: Delete 2 nodes and 1 tie');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await nodes(page)).length).toBe(3);

  // On the tie: Open shows the tie's panel.
  await expect.poll(async () => (await ties(page)).length).toBe(1);
  const [p, q] = [await settledPos(page, seeded.a), await settledPos(page, seeded.b)];
  await page.mouse.click((p.x + q.x) / 2, (p.y + q.y) / 2, { button: 'right' });
  await expect(menu).toContainText('Tie');
  await page.getByTestId('menu-openTie').click();
  await expect(page.getByTestId('panel-tie')).toHaveAttribute('data-tie-id', seeded.t);
  expect(pageErrors).toEqual([]);
});

test('the ego layout puts stronger ties nearer you and leaves a pinned node where it is, in one step', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Strong', strength: 5, dx: 500, dy: 500 },
    { label: 'Weak', strength: 1, dx: 20, dy: 20 },
    { label: 'Unset', kind: 'source', dx: -30, dy: 10 },
    { label: 'Kept', kind: 'community', strength: 5, dx: -400, dy: -400 },
  ]);
  const ego = made.ego;
  const [strongId, weakId, unsetId, keptId] = made.ids as [string, string, string, string];
  const seeded = { strong: strongId, weak: weakId, unset: unsetId, kept: keptId };

  // Made by hand, they are all pinned: the layout would move nothing, and says how to include them.
  await page.getByTestId('ego-layout').click();
  await page.getByTestId('menu-ego-kind').click();
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Unpin all' })).toBeVisible();

  // Unpin all but Kept (Ctrl+A, Ctrl+click Kept out, Unpin all), then the ego layout by kind.
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('panel-selection')).toHaveAttribute('data-count', '4');
  const kp = await settledPos(page, seeded.kept);
  await page.keyboard.down('Control');
  await page.mouse.click(kp.x, kp.y);
  await page.keyboard.up('Control');
  await expect(page.getByTestId('panel-selection')).toHaveAttribute('data-count', '3');
  await page.getByTestId('selection-unpin').click();
  await expectUndoTitle(page, 'Undo: Unpin 3 nodes');
  await page.keyboard.press('Escape');
  const before = (await saved(page, [seeded.kept]))[0]!;
  await page.getByTestId('ego-layout').click();
  await expect(page.getByTestId('menu-ego-kind')).toBeFocused();
  await page.keyboard.press('Enter');
  await expectUndoTitle(page, 'Undo: Move 3 nodes');
  const egoNow = (await saved(page, [ego.id]))[0]!;
  const [strong, weak, unset, kept] = (await saved(page, [seeded.strong, seeded.weak, seeded.unset, seeded.kept])) as Saved[];
  const r = (n: Saved) => Math.hypot(n.x - egoNow.x, n.y - egoNow.y);
  expect(r(strong)).toBeGreaterThan(50);
  expect(r(strong)).toBeLessThan(r(weak));
  expect(r(weak)).toBeLessThan(r(unset));
  expect([kept.x, kept.y, kept.pinned]).toEqual([before.x, before.y, true]);
  // The map draws what was saved (the animation ended where the backend is).
  await expect.poll(async () => {
    const n = (await nodes(page)).find((x) => x.id === seeded.weak);
    return n ? [n.x, n.y] : null;
  }).toEqual([weak.x, weak.y]);
  // One Ctrl+Z puts all three back.
  await page.keyboard.press('Control+z');
  await expectUndoTitle(page, 'Undo: Unpin 3 nodes');
  const w0 = (await saved(page, [seeded.weak]))[0]!;
  expect(Math.hypot(w0.x - (ego.x + 20), w0.y - (ego.y + 20))).toBeLessThan(1e-6);
  await expect.poll(async () => {
    const n = (await nodes(page)).find((x) => x.id === seeded.weak);
    return n ? Math.hypot(n.x - w0.x, n.y - w0.y) : NaN;
  }).toBeLessThan(1e-6);
  expect(pageErrors).toEqual([]);
});

test('focus mode shows a node\'s neighbourhood 1, 2 or 3 ties out, dims or hides the rest, and Escape leaves it', async ({ page, app }) => {
  await page.goto(app.url);
  // A–B–C–D in a chain, E alone.
  const made = await seed(
    page,
    ['A', 'B', 'C', 'D', 'E'].map((label, i) => ({ label, dx: -300 + i * 150, dy: 200 })),
    [[0, 1], [1, 2], [2, 3]],
  );
  const { ego, ids } = made;
  await expect.poll(async () => (await ties(page)).length).toBe(3);
  const [a, b, c, d, e] = ids;
  const sorted = (xs: string[]) => [...xs].sort();

  // Right-click A → Focus: A, B and you drawn as usual, C, D, E dimmed.
  const pa = await settledPos(page, a);
  await page.mouse.click(pa.x, pa.y, { button: 'right' });
  await page.getByTestId('menu-focus').click();
  await expect(page.getByTestId('focus-bar')).toContainText('“A”');
  await expect.poll(async () => sorted((await drawnNodes(page)).dimmed)).toEqual(sorted([c, d, e]));
  // Two and three ties out; never through you (you are tied to everyone).
  await page.getByTestId('focus-steps-2').click();
  await expect.poll(async () => sorted((await drawnNodes(page)).dimmed)).toEqual(sorted([d, e]));
  await page.getByTestId('focus-steps-3').click();
  await expect.poll(async () => sorted((await drawnNodes(page)).dimmed)).toEqual([e]);
  // Hide the rest: E is not drawn at all.
  await page.getByTestId('focus-hide').check();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(e)).toBe(false);
  expect((await drawnNodes(page)).drawn).toContain(ego.id);
  // Escape (nothing selected) leaves focus mode; everything is back.
  await page.getByTestId('focus-hide').blur();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('focus-bar')).toBeHidden();
  await expect.poll(async () => (await drawnNodes(page)).drawn.length).toBe(6);
  expect((await drawnNodes(page)).dimmed).toEqual([]);

  // F on a selected node focuses on it, F again leaves.
  const pd = await settledPos(page, d);
  await page.mouse.click(pd.x, pd.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', d);
  await page.getByTestId('panel-close').focus();
  await page.keyboard.press('f');
  await expect.poll(async () => sorted((await drawnNodes(page)).dimmed)).toEqual(sorted([a, b, e]));
  await page.keyboard.press('f');
  await expect(page.getByTestId('focus-bar')).toBeHidden();
});

test('the legend filters by status once alters have one (archived hidden by default, dormant faded); Ctrl+A and search leave the filtered out', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('legend-fold-status')).toHaveCount(0); // no statuses yet: no status filter
  const { ids } = await seed(page, [
    { label: 'Active Ann', status: 'active', dx: 200, dy: 100 },
    { label: 'Archived Al', status: 'archived', dx: -200, dy: 100 },
    { label: 'Prospect Pat', status: 'prospective', dx: 0, dy: -200 },
    { label: 'Dormant Dee', status: 'dormant', dx: 200, dy: -150 },
  ]);
  const [ann, al, pat, dee] = ids as [string, string, string, string];
  // Archived ties are kept for the record, not drawn, until asked for; the legend says how many are hidden.
  await expect.poll(async () => (await drawnNodes(page)).drawn).toEqual(expect.arrayContaining([ann, pat, dee]));
  expect((await drawnNodes(page)).drawn).not.toContain(al);
  await expect(page.getByTestId('legend-hidden')).toHaveText('1 hidden');
  await page.getByTestId('legend-dim-status').click();
  await expect(page.getByTestId('legend-status-archived')).not.toBeChecked();
  await page.getByTestId('legend-status-archived').check();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(al)).toBe(true);
  await expect(page.getByTestId('legend-hidden')).toHaveCount(0);
  await page.getByTestId('legend-status-archived').uncheck();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(al)).toBe(false);
  await page.getByTestId('legend-status-prospective').uncheck();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(pat)).toBe(false);
  await page.getByTestId('legend-status-dormant').uncheck();
  // Ctrl+A takes only what is drawn: one alter, so a single selection.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ann);
  await page.keyboard.press('Escape');
  // Enter in search skips a filtered node.
  await page.getByTestId('search-input').fill('archived al');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'No node on the map matches' })).toBeVisible();
  await page.getByTestId('search-input').fill('');
  // "Show all" lifts every filter.
  await page.getByTestId('legend-show-all').click();
  await expect.poll(async () => (await drawnNodes(page)).drawn).toEqual(expect.arrayContaining([ann, al, pat, dee]));
});

test('an undo re-frames the map when what it brought back is off screen, and leaves the camera alone when it is on screen', async ({ page, app }) => {
  await page.goto(app.url);
  const { ego, ids } = await seed(page, [
    { label: 'Near Nell', dx: 120, dy: 0 },
    { label: 'Far Fred', dx: 300, dy: -2400 },
  ]);
  const [nell, fred] = ids as [string, string];
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const onScreen = async (id: string) => {
    const p = await page.evaluate((nid) => (window as unknown as { __plexus: { viewportPosition(id: string): { x: number; y: number } | null } }).__plexus.viewportPosition(nid), id);
    return p !== null && p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
  };
  // Wheel in on the ego until Fred is off screen.
  for (let i = 0; i < 12 && (await onScreen(fred)); i++) {
    const at = await screenPos(page, ego.id);
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(300);
  }
  expect(await onScreen(fred)).toBe(false);
  expect(await onScreen(nell)).toBe(true);
  const del = (id: string) =>
    page.evaluate(async (nid) => {
      const go = (window as unknown as { go: { service: { NetworkService: { DeleteNodes(ids: string[]): Promise<void> } } } }).go.service;
      await go.NetworkService.DeleteNodes([nid]);
    }, id);

  // On screen: the camera stays.
  const egoBefore = await screenPos(page, ego.id);
  await del(nell);
  await expect.poll(async () => (await nodes(page)).some((n) => n.id === nell)).toBe(false);
  await page.getByTestId('history-undo').click();
  await expect.poll(async () => (await nodes(page)).some((n) => n.id === nell)).toBe(true);
  await page.waitForTimeout(600);
  const egoAfter = await screenPos(page, ego.id);
  expect(Math.hypot(egoAfter.x - egoBefore.x, egoAfter.y - egoBefore.y)).toBeLessThan(1);

  // Off screen: the map is framed so that it can be seen.
  await del(fred);
  await expect.poll(async () => (await nodes(page)).some((n) => n.id === fred)).toBe(false);
  await page.getByTestId('history-undo').click();
  await expect.poll(async () => (await nodes(page)).some((n) => n.id === fred)).toBe(true);
  await expect.poll(() => onScreen(fred)).toBe(true);
  expect(await onScreen(nell)).toBe(true);
});

test("dragging a selected tie's end handle onto another node re-targets that end, as one undo step; let go elsewhere, nothing changes", async ({ page, app }) => {
  await page.goto(app.url);
  const made = await seed(
    page,
    [
      { label: 'Ada', dx: -250, dy: 150 },
      { label: 'Bob', dx: 250, dy: 150 },
      { label: 'Cy', dx: 0, dy: -220 },
    ],
    [[0, 1]],
  );
  const [ada, bob, cy] = made.ids as [string, string, string];
  const tie = made.tieIds[0]!;
  const [p, q] = [await settledPos(page, ada), await settledPos(page, bob)];
  await page.mouse.click((p.x + q.x) / 2, (p.y + q.y) / 2);
  await expect(page.getByTestId('panel-tie')).toHaveAttribute('data-tie-id', tie);
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const handles = await page.evaluate(() => (window as unknown as { __plexus: { tieHandles(): { from: { x: number; y: number }; to: { x: number; y: number } } | null } }).__plexus.tieHandles());
  expect(handles).not.toBeNull();
  const ends = async () => (await ties(page)).find((t) => t.id === tie);

  // The "from" handle (near Ada; Bob may be under the tie's panel), let go on empty canvas: nothing moves.
  const toH = { x: box.x + handles!.from.x, y: box.y + handles!.from.y };
  await page.mouse.move(toH.x, toH.y);
  await page.mouse.down();
  await page.mouse.move(toH.x, toH.y + 120, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  expect(await ends()).toMatchObject({ from: ada, to: bob });

  // Onto Cy: the tie is Cy — Bob now, still selected.
  const c = await settledPos(page, cy);
  await page.mouse.move(toH.x, toH.y);
  await page.mouse.down();
  await page.mouse.move((toH.x + c.x) / 2, (toH.y + c.y) / 2, { steps: 6 });
  await expect(page.locator('.connect-line')).toBeVisible();
  await page.mouse.move(c.x, c.y, { steps: 6 });
  await page.mouse.up();
  await expect.poll(ends).toMatchObject({ from: cy, to: bob });
  await expect(page.getByTestId('panel-tie')).toHaveAttribute('data-tie-id', tie);
  await expectUndoTitle(page, 'Undo: Move the tie “Ada” — “Bob” (knows) to “Cy” — “Bob” (knows)');
  await page.getByTestId('history-undo').click();
  await expect.poll(ends).toMatchObject({ from: ada, to: bob });
});
