import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { canvasPoint, collectPageErrors, connect, createNode, nodeByLabel, nodes, screenPos, ties, waitReady } from './helpers';

// Undo and redo with real keys and a real pointer, against the real backend:
// after every step the canvas shows exactly what GET /api/network says.

interface Seen {
  nodes: { id: string; label: string; x: number; y: number; pinned: boolean }[];
  ties: { id: string; from: string; to: string; relation: string }[];
}

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

/** What the backend has now (GET /api/network), in the test hook's terms. */
async function backend(page: Page): Promise<Seen> {
  const nw = await page.evaluate(async () => (await fetch('/api/network', { cache: 'no-store' })).json());
  const ids: string[] = nw.nodes.id;
  return {
    nodes: byId(ids.map((id, i) => ({ id, label: nw.nodes.label[i], x: nw.nodes.x[i], y: nw.nodes.y[i], pinned: nw.nodes.pinned[i] || id === nw.ego }))),
    ties: byId((nw.ties.id as string[]).map((id, i) => ({ id, from: ids[nw.ties.from[i]], to: ids[nw.ties.to[i]], relation: nw.ties.relation[i] }))),
  };
}

/** What the canvas draws now (the graph behind sigma). */
async function canvas(page: Page): Promise<Seen> {
  return {
    nodes: byId((await nodes(page)).map((n) => ({ id: n.id, label: n.label, x: n.x, y: n.y, pinned: n.pinned }))),
    ties: byId((await ties(page)).map((t) => ({ id: t.id, from: t.from, to: t.to, relation: t.relation }))),
  };
}

/** Waits until the canvas and the backend agree, and returns what they agree on. */
async function agree(page: Page): Promise<Seen> {
  let seen: Seen | null = null;
  await expect
    .poll(async () => {
      const [b, c] = [await backend(page), await canvas(page)];
      seen = b;
      return JSON.stringify(c) === JSON.stringify(b) ? 'agree' : `canvas ${JSON.stringify(c)}\nbackend ${JSON.stringify(b)}`;
    })
    .toBe('agree');
  return seen!;
}

const labels = (s: Seen) => s.nodes.map((n) => n.label).sort();

/** A click on empty canvas: clears the selection and takes the focus out of any field. */
async function clickEmpty(page: Page) {
  const p = await canvasPoint(page, 0.92, 0.1);
  await page.waitForTimeout(400); // sigma pairs two clicks within 300 ms into a double-click
  await page.mouse.click(p.x, p.y);
  await page.waitForTimeout(400);
}

async function expectUndoTitle(page: Page, title: string) {
  await expect(page.getByTestId('history-undo')).toHaveAttribute('title', title);
  await expect(page.getByTestId('history-undo')).toHaveAttribute('aria-label', title);
}

test('create, connect, drag, delete; Ctrl+Z four times, reload, Ctrl+Shift+Z twice: the map and the backend agree at every step', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  await expect(page.getByTestId('history-undo')).toBeDisabled();
  await expect(page.getByTestId('history-undo')).toHaveAttribute('title', 'Nothing to undo');
  await expect(page.getByTestId('history-redo')).toBeDisabled();

  const ada = await createNode(page, 0.3, 0.3, 'Ada', 'person');
  await page.keyboard.press('Escape');
  const bob = await createNode(page, 0.7, 0.7, 'Bob', 'person');
  await page.keyboard.press('Escape');
  await expectUndoTitle(page, 'Undo: Add “Bob”');
  await connect(page, ada, bob, 'knows');
  await page.keyboard.press('Escape');
  await expectUndoTitle(page, 'Undo: Tie “Ada” to “Bob” (knows)');
  const s0 = await agree(page); // Me, Ada, Bob and the tie

  // Drag Bob: moved. He was pinned from the start (made by hand), and stays so.
  expect(bob.pinned).toBe(true);
  const b0 = await screenPos(page, bob.id);
  const to = await canvasPoint(page, 0.55, 0.2);
  await page.mouse.move(b0.x, b0.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
  await expectUndoTitle(page, 'Undo: Move “Bob”');
  expect((await nodeByLabel(page, 'Bob')).pinned).toBe(true);
  const s1 = await agree(page);

  // Delete Ada: her tie goes with her. The confirmation says it can be undone.
  await clickEmpty(page);
  const pa = await screenPos(page, ada.id);
  await page.mouse.click(pa.x, pa.y);
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ada.id);
  await page.getByTestId('panel-delete').click();
  await expect(page.getByTestId('confirm-message')).toContainText('You can undo this with Ctrl+Z or the Undo button.');
  await expect(page.getByTestId('confirm-message')).not.toContainText('cannot be undone');
  await page.getByTestId('confirm-ok').click();
  await expect.poll(async () => (await nodes(page)).length).toBe(2);
  const s2 = await agree(page);
  expect(labels(s2)).toEqual(['Bob', 'Me']);
  expect(s2.ties).toEqual([]);
  await expectUndoTitle(page, 'Undo: Delete “Ada” and 1 tie');

  // Ctrl+Z four times, focus outside any field: each step comes back off the canvas in turn.
  await clickEmpty(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Undone: Delete “Ada” and 1 tie' })).toBeVisible();
  expect(await agree(page)).toEqual(s1); // Ada and her tie are back, Bob where he was dragged

  await expectUndoTitle(page, 'Undo: Move “Bob”');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Undone: Move “Bob”' })).toBeVisible();
  const u2 = await agree(page);
  expect(u2).toEqual(s0); // Bob back where he was created, still pinned there
  expect(u2.nodes.find((n) => n.id === bob.id)?.pinned).toBe(true);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Undone: Tie “Ada” to “Bob” (knows)' })).toBeVisible();
  const u3 = await agree(page);
  expect(u3.ties).toEqual([]);
  expect(labels(u3)).toEqual(['Ada', 'Bob', 'Me']);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Undone: Add “Bob”' })).toBeVisible();
  const u4 = await agree(page);
  expect(labels(u4)).toEqual(['Ada', 'Me']);
  await expectUndoTitle(page, 'Undo: Add “Ada”');
  await expect(page.getByTestId('history-redo')).toHaveAttribute('title', 'Redo: Add “Bob”');

  // The history lives in the backend: after a reload, redo picks up where undo left off.
  await page.reload();
  await waitReady(page);
  expect(await agree(page)).toEqual(u4);
  await expect(page.getByTestId('history-redo')).toHaveAttribute('title', 'Redo: Add “Bob”');
  await clickEmpty(page);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Redone: Add “Bob”' })).toBeVisible();
  expect(await agree(page)).toEqual(u3);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Redone: Tie “Ada” to “Bob” (knows)' })).toBeVisible();
  expect(await agree(page)).toEqual(s0);
  await expect(page.getByTestId('history-redo')).toHaveAttribute('title', 'Redo: Move “Bob”');
  expect(pageErrors).toEqual([]);
});

test('the toolbar Undo names its step; Ctrl+Z while typing in a field undoes the typing, not the network', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  await createNode(page, 0.3, 0.3, 'Cleo', 'person');
  await page.keyboard.press('Escape');
  const undo = page.getByTestId('history-undo');
  await expectUndoTitle(page, 'Undo: Add “Cleo”');

  // Typing in the search box: Ctrl+Z there edits the text; Cleo stays.
  const search = page.getByTestId('search-input');
  await search.click();
  await page.keyboard.type('zzz');
  await expect(search).toHaveValue('zzz');
  const untouched = async () => {
    await page.waitForTimeout(600);
    expect(labels(await agree(page))).toEqual(['Cleo', 'Me']);
    await expectUndoTitle(page, 'Undo: Add “Cleo”');
    await expect(page.getByTestId('history-redo')).toBeDisabled();
    expect(await page.getByTestId('toast').count()).toBe(0); // no "Undone", no "nothing to redo"
  };
  await page.keyboard.press('Control+z');
  await untouched();
  await expect(search).not.toHaveValue('zzz'); // the browser undid the typing
  await page.keyboard.press('Control+Shift+Z');
  await untouched();
  await page.keyboard.press('Control+y');
  await untouched();

  // The same in a side panel's text field.
  const cleo = await nodeByLabel(page, 'Cleo');
  await search.fill('');
  await clickEmpty(page);
  const p = await screenPos(page, cleo.id);
  await page.mouse.click(p.x, p.y);
  await page.getByTestId('field-label').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' B');
  await page.keyboard.press('Control+z');
  await untouched();
  await page.getByTestId('field-label').fill('Cleo');
  await page.getByTestId('panel-close').click();

  // The toolbar button: its tooltip names the step, and the toast says what was undone.
  await undo.hover();
  await expect(undo).toHaveAttribute('title', 'Undo: Add “Cleo”');
  await undo.click();
  await expect(page.getByTestId('toast-message').filter({ hasText: 'Undone: Add “Cleo”' })).toBeVisible();
  expect(labels(await agree(page))).toEqual(['Me']);
  await expect(undo).toBeDisabled();
  await expect(page.getByTestId('history-redo')).toHaveAttribute('title', 'Redo: Add “Cleo”');

  // Nothing left to undo: Ctrl+Z says so (an error toast), and nothing changes.
  await clickEmpty(page);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-testid=toast][data-kind=error]')).toContainText('There is nothing to undo.');
  expect(labels(await agree(page))).toEqual(['Me']);
  expect(pageErrors).toEqual([]);
});

test('an undo that takes back a journal entry closes a clean editor, and never lets an autosave re-create it', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  const entries = async () => (await page.evaluate(async () => (await fetch('/api/journal', { cache: 'no-store' })).json())).entries as { id: string; body: string }[];

  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  await page.getByTestId('journal-editor-body').click();
  await page.keyboard.type('First thought');
  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();
  await expect(page.getByTestId('journal-entry')).toHaveCount(1);

  // A clean editor: Undo takes the entry back, the editor closes, the list follows.
  await expectUndoTitle(page, 'Undo: Write entry “First thought”');
  await page.getByTestId('history-undo').click();
  await expect(page.getByTestId('journal-editor')).toBeHidden();
  await expect(page.getByTestId('journal-entry')).toHaveCount(0);
  expect(await entries()).toEqual([]);

  // Redo brings it back into the list.
  await page.getByTestId('history-redo').click();
  await expect(page.getByTestId('journal-entry')).toHaveCount(1);
  expect((await entries()).map((e) => e.body)).toEqual(['First thought']);

  // An editor with unsaved text: the undo takes the entry back, the text stays, and no save re-creates it.
  await page.getByTestId('journal-edit').first().click();
  await page.getByTestId('journal-editor-body').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' and a second one');
  await page.getByTestId('history-undo').click(); // the newest step is the redo's "Write entry": undo takes the entry away
  await expect(page.getByTestId('journal-vanished')).toBeVisible();
  await expect(page.getByTestId('journal-editor-body')).toHaveValue('First thought and a second one');
  await page.waitForTimeout(2500); // past the autosave delay
  expect(await entries()).toEqual([]);
  await page.getByTestId('journal-save-as-new').click();
  await expect(page.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();
  await expect.poll(async () => (await entries()).map((e) => e.body)).toEqual(['First thought and a second one']);
  expect(pageErrors).toEqual([]);
});

interface Step {
  id: string;
  at: string;
  name: string;
  kind: string;
  undoable: boolean;
  redoable: boolean;
}

async function steps(page: Page): Promise<Step[]> {
  return (await page.evaluate(async () => (await fetch('/api/history?limit=500', { cache: 'no-store' })).json())).steps;
}

/** The network as of a time (GET /api/network?at=), in the test hook's terms. */
async function backendAt(page: Page, at: string): Promise<Seen> {
  const nw = await page.evaluate(async (t) => (await fetch(`/api/network?at=${encodeURIComponent(t)}`, { cache: 'no-store' })).json(), at);
  const ids: string[] = nw.nodes.id;
  return {
    nodes: byId(ids.map((id, i) => ({ id, label: nw.nodes.label[i], x: nw.nodes.x[i], y: nw.nodes.y[i], pinned: nw.nodes.pinned[i] || id === nw.ego }))),
    ties: byId((nw.ties.id as string[]).map((id, i) => ({ id, from: ids[nw.ties.from[i]], to: ids[nw.ties.to[i]], relation: nw.ties.relation[i] }))),
  };
}

test('the History panel lists every step; the map shows the network as it was, read-only, and what changed since', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  const ada = await createNode(page, 0.3, 0.3, 'Ada', 'person');
  await page.keyboard.press('Escape');
  const bob = await createNode(page, 0.7, 0.7, 'Bob', 'person');
  await page.keyboard.press('Escape');
  await connect(page, ada, bob, 'knows');
  await page.keyboard.press('Escape');
  await clickEmpty(page);
  const pb = await screenPos(page, bob.id);
  await page.mouse.click(pb.x, pb.y);
  await page.getByTestId('field-label').fill('Robert');
  await page.getByTestId('field-label').press('Escape'); // closing saves
  await expect.poll(async () => (await nodes(page)).find((n) => n.id === bob.id)?.label).toBe('Robert');
  await clickEmpty(page);
  const pa = await screenPos(page, ada.id);
  await page.mouse.click(pa.x, pa.y);
  await page.getByTestId('panel-delete').click();
  await page.getByTestId('confirm-ok').click();
  await expect.poll(async () => (await nodes(page)).length).toBe(2);
  await page.keyboard.press('Control+z'); // undo the delete…
  await expect.poll(async () => (await nodes(page)).length).toBe(3);
  await page.keyboard.press('Control+Shift+Z'); // …and redo it
  await expect.poll(async () => (await nodes(page)).length).toBe(2);
  const now = await agree(page);

  // The panel: newest first, undo and redo marked, what Undo would take next marked.
  await page.getByTestId('history-toggle').click();
  const rows = page.getByTestId('history-step');
  const names = [
    'Redo: Delete “Ada” and 1 tie',
    'Undo: Delete “Ada” and 1 tie',
    'Delete “Ada” and 1 tie',
    'Rename “Bob” to “Robert”',
    'Tie “Ada” to “Bob” (knows)',
    'Add “Bob”',
    'Add “Ada”',
  ];
  await expect(rows.getByTestId('history-step-name')).toHaveText(names);
  await expect(rows.nth(0)).toHaveAttribute('data-kind', 'redo');
  await expect(rows.nth(1)).toHaveAttribute('data-kind', 'undo');
  await expect(rows.nth(2)).toHaveAttribute('data-mark', 'next-undo');
  await expect(rows.nth(3)).toHaveAttribute('data-mark', 'undoable');
  const log = await steps(page);
  expect(log.map((s) => s.name)).toEqual(names);
  // Local time, as the browser writes it (this page runs in the test's time zone).
  await expect(rows.nth(6).getByTestId('history-step-time')).toHaveAttribute('datetime', log[6].at);
  await expect(rows.nth(6).getByTestId('history-step-time')).toContainText('Today, ');

  // "Map then" on the tie: the network right after that step, as GET /api/network?at= has it.
  const tieStep = log[4];
  await rows.nth(4).getByTestId('history-view-at').click();
  await expect(page.getByTestId('past-bar')).toBeVisible();
  await expect(page.getByTestId('past-label')).toContainText('Viewing ');
  await expect(page.getByTestId('past-label')).toContainText('after “Tie “Ada” to “Bob” (knows)”');
  await expect(rows.nth(4)).toHaveAttribute('aria-current', 'step');
  const then = await backendAt(page, tieStep.at);
  expect(labels(then)).toEqual(['Ada', 'Bob', 'Me']);
  expect(then.ties).toHaveLength(1);
  await expect.poll(async () => JSON.stringify(await canvas(page))).toBe(JSON.stringify(then));
  await page.screenshot({ path: '../artifacts/history-past.png' }); // looked at by people, not asserted

  // Read-only: no undo, no double-click create, no drag, no delete.
  await expect(page.getByTestId('history-undo')).toBeDisabled();
  await expect(page.getByTestId('layout-toggle')).toBeDisabled();
  const empty = await canvasPoint(page, 0.85, 0.85);
  await page.mouse.dblclick(empty.x, empty.y);
  await page.waitForTimeout(300);
  await expect(page.getByTestId('quick-create')).toBeHidden();
  await page.getByTestId('zoom-fit').click(); // read-only, a double-click zooms in
  await page.waitForTimeout(500);
  const pa2 = await screenPos(page, ada.id);
  await page.mouse.click(pa2.x, pa2.y); // picks Ada as she was; no side panel
  await expect(page.getByTestId('past-card')).toContainText('Ada');
  await expect(page.getByTestId('panel-node')).toBeHidden();
  // Bob still exists now: a drag that got through would move him there. Read-only, it pans the camera.
  await page.waitForTimeout(400);
  const pb2 = await screenPos(page, bob.id);
  const away = await canvasPoint(page, 0.5, 0.15);
  await page.mouse.move(pb2.x, pb2.y);
  await page.mouse.down();
  await page.mouse.move(away.x, away.y, { steps: 10 });
  await page.mouse.up();
  await page.waitForTimeout(600);
  expect(await canvas(page)).toEqual(then);
  await page.getByTestId('zoom-fit').click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-testid=toast][data-kind=info]')).toContainText('go back to now to undo');
  expect((await steps(page)).length).toBe(log.length); // nothing was written

  // The slider: to the step before (Add “Bob”), then to its end: now, editable again.
  await page.getByTestId('time-prev-step').click();
  await expect(page.getByTestId('time-label')).toContainText('after “Add “Bob””');
  const beforeTie = await backendAt(page, log[5].at);
  await expect.poll(async () => JSON.stringify(await canvas(page))).toBe(JSON.stringify(beforeTie));
  await page.getByTestId('time-slider').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('past-bar')).toBeHidden();
  await expect(page.getByTestId('time-label')).toHaveText('Now');
  expect(await agree(page)).toEqual(now);
  await expect(page.getByTestId('history-undo')).toBeEnabled();

  // What changed since the tie was drawn: Ada and her tie removed (drawn as they were), Bob renamed.
  await rows.nth(4).getByTestId('history-view-at').click();
  await page.getByTestId('time-mode-diff').click();
  await expect(page.getByTestId('diff-list')).toBeVisible();
  await expect(page.getByTestId('past-label')).toContainText('Changes from ');
  await expect(page.getByTestId('diff-legend')).toBeVisible();
  await page.screenshot({ path: '../artifacts/history-diff.png' });
  const diff = await page.evaluate(async (f) => (await fetch(`/api/history/diff?from=${encodeURIComponent(f)}`, { cache: 'no-store' })).json(), tieStep.at);
  expect(diff.nodes.removed).toEqual([ada.id]);
  expect(diff.nodes.changed.map((c: { id: string }) => c.id)).toEqual([bob.id]);
  const items = page.getByTestId('diff-item');
  await expect(items).toHaveCount(3);
  await expect(page.locator(`[data-testid=diff-item][data-id="${ada.id}"]`)).toHaveAttribute('data-status', 'removed');
  await expect(page.locator(`[data-testid=diff-item][data-id="${bob.id}"]`)).toHaveAttribute('data-status', 'changed');
  await expect(page.locator(`[data-testid=diff-item][data-id="${bob.id}"]`)).toContainText('Robert');
  await expect(page.locator('[data-testid=diff-item][data-table=tie]')).toHaveAttribute('data-status', 'removed');
  // The canvas: now, plus Ada and her tie from then.
  await expect.poll(async () => labels(await canvas(page))).toEqual(['Ada', 'Me', 'Robert']);
  expect(await ties(page)).toHaveLength(1);

  await page.getByTestId('back-to-now').click();
  await expect(page.getByTestId('past-bar')).toBeHidden();
  expect(await agree(page)).toEqual(now);
  await expectNoPast(page);
  expect(pageErrors).toEqual([]);
});

async function expectNoPast(page: Page) {
  await expect(page.getByTestId('diff-list')).toBeHidden();
  await expect(page.getByTestId('history-undo')).toBeEnabled();
  // Editable again: a double-click on empty canvas opens the quick form.
  const p = await canvasPoint(page, 0.85, 0.85);
  await expect
    .poll(
      async () => {
        await page.mouse.dblclick(p.x, p.y);
        return page.getByTestId('quick-create').isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.keyboard.press('Escape');
}
