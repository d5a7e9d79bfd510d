import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, nodeByLabel, nodes, waitReady } from './helpers';

// Issue 9, the journal editor's links (docs/decisions/journal-editor-links.md): "[[" and "@" open a
// suggestion list at the caret, "Create node" makes the node a wikilink names, a stored link
// "[[id|label]]" is edited as "[[Label]]" and saved back with its id. Real keys and pointer; the
// setup writes through the bound methods, the UI's own write path.

type Svc = Record<string, (...a: unknown[]) => Promise<{ id: string; label: string; body: string }>>;

async function setup(page: Page, labels: string[], entries: string[] = []): Promise<{ nodes: { id: string; label: string }[]; entries: string[] }> {
  await waitReady(page);
  const ego = (await nodes(page)).find((n) => n.ego);
  if (!ego) throw new Error('no ego');
  const made = await page.evaluate(
    async ({ ego, labels, entries }) => {
      const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
      const out: { id: string; label: string }[] = [];
      for (const [i, label] of labels.entries()) {
        const f = { label, kind: 'person', strength: 0, relation: '', status: '', role: '', mode: '', tags: [], emails: [], contexts: [], extra: {}, cadence: 0 };
        const r = await go.NetworkService.CreateNode(f, ego.x + 150 * (i + 1), ego.y);
        out.push({ id: r.id, label: r.label });
      }
      const ids: string[] = [];
      for (const body of entries) {
        const b = body.replace(/\{(\d+)\}/g, (_, n: string) => out[Number(n)]!.id);
        ids.push((await go.JournalService.CreateEntry({ occurredAt: new Date().toISOString(), body: b, nodeIds: [], tags: [], type: 'reflection' })).id);
      }
      return { nodes: out, entries: ids };
    },
    { ego, labels, entries },
  );
  await page.reload();
  await waitReady(page);
  return made;
}

async function entryBody(page: Page, id: string): Promise<string> {
  return page.evaluate(async (id) => (await (window as unknown as { go: { service: Record<string, Svc> } }).go.service.JournalService.GetEntry(id)).body, id);
}

async function backendDrafts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    (window as unknown as { go: { service: { DraftService: { Drafts(): Promise<Record<string, string>> } } } }).go.service.DraftService.Drafts(),
  );
}

/** The list is drawn at the caret: its top-left just under the caret's line and past the text before it. */
async function expectAtCaret(list: Locator, body: Locator, minLeft: number) {
  const lb = (await list.boundingBox())!;
  const tb = (await body.boundingBox())!;
  expect(lb.y).toBeGreaterThan(tb.y + 10); // under the first line…
  expect(lb.y).toBeLessThan(tb.y + 60); // …not at the bottom of the textarea
  expect(lb.x).toBeGreaterThan(tb.x + minLeft);
}

async function newEntry(page: Page): Promise<Locator> {
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  const body = page.getByTestId('journal-editor-body');
  await body.click();
  return body;
}

test('[[ suggests nodes at the caret; the saved link opens the node on the map', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await setup(page, ['Ada Lovelace', 'Adam']);
  const ada = made.nodes[0]!;
  const body = await newEntry(page);
  await page.keyboard.type('Met with [[Ad');
  const list = page.getByTestId('journal-suggest');
  await expect(list).toHaveAttribute('data-kind', 'wiki');
  await expect(list.getByTestId('journal-wikilink-option')).toHaveText([/^Adam/, /^Ada Lovelace/]);
  await expect(list.getByTestId('journal-wikilink-option-create')).toHaveText('Create node “Ad”');
  await expectAtCaret(list, body, 60);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(body).toHaveValue('Met with [[Ada Lovelace]] ');
  // A link typed to the end by hand: "]]" closes the list; the backend resolves it on save.
  await page.keyboard.type('about engines and [[Adam]].');
  await expect(list).toBeHidden();
  await expect(body).toHaveValue('Met with [[Ada Lovelace]] about engines and [[Adam]].');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('journal-status')).toHaveAttribute('data-state', 'saved');
  const id = (await page.getByTestId('journal-editor').getAttribute('data-entry-id'))!;
  const adam = made.nodes[1]!;
  expect(await entryBody(page, id)).toBe(`Met with [[${ada.id}|Ada Lovelace]] about engines and [[${adam.id}|Adam]].`);
  // The textarea still shows the readable form, and nothing is left as an unsaved draft.
  await expect(body).toHaveValue('Met with [[Ada Lovelace]] about engines and [[Adam]].');
  await page.waitForTimeout(500);
  expect(Object.keys(await backendDrafts(page))).toEqual([]);

  const card = page.getByTestId('journal-view').locator(`[data-testid=journal-entry][data-entry-id="${id}"]`);
  await expect(card.locator('button.wikilink')).toHaveText(['Ada Lovelace', 'Adam']);
  const link = card.locator(`button.wikilink[data-node-id="${ada.id}"]`);
  await expect(link).toHaveText('Ada Lovelace');
  await link.click();
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', ada.id);
  expect(errors).toEqual([]);
});

test('"Create node" makes the node a [[wikilink]] names and links it', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  await setup(page, ['Ada Lovelace']);
  const before = (await nodes(page)).length;
  const body = await newEntry(page);
  await page.keyboard.type('[[Brand new');
  const create = page.getByTestId('journal-wikilink-option-create');
  await expect(create).toHaveText('Create node “Brand new”');
  await expect(create).toHaveAttribute('aria-selected', 'true'); // the only option
  await page.keyboard.press('Enter');
  await expect(body).toHaveValue('[[Brand new]] ');
  const made = await nodeByLabel(page, 'Brand new');
  expect((await nodes(page)).length).toBe(before + 1);

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('journal-status')).toHaveAttribute('data-state', 'saved');
  const id = (await page.getByTestId('journal-editor').getAttribute('data-entry-id'))!;
  expect(await entryBody(page, id)).toBe(`[[${made.id}|Brand new]] `);
  const card = page.getByTestId('journal-view').locator(`[data-testid=journal-entry][data-entry-id="${id}"]`);
  await expect(card.locator('button.wikilink')).toHaveAttribute('data-node-id', made.id);
  expect(errors).toEqual([]);
});

test('a saved entry is edited with [[Label]], not the id, and keeps the id when saved', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await setup(page, ['Ada Lovelace'], ['Notes on [[{0}|Old name]] and `[[{0}|code]]`.']);
  const ada = made.nodes[0]!;
  const entryId = made.entries[0]!;
  await page.getByTestId('tab-journal').click();
  const card = page.getByTestId('journal-view').locator(`[data-testid=journal-entry][data-entry-id="${entryId}"]`);
  await card.getByTestId('journal-edit').click();
  const body = page.getByTestId('journal-editor-body');
  await expect(body).toHaveValue(`Notes on [[Ada Lovelace]] and \`[[${ada.id}|code]]\`.`);

  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' More.');
  // The draft is kept in the stored form: the id is not lost if the app dies now.
  await expect.poll(async () => (await backendDrafts(page))[entryId] ?? '', { timeout: 5_000, intervals: [50] }).toContain(`[[${ada.id}|Old name]]`);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('journal-status')).toHaveAttribute('data-state', 'saved');
  expect(await entryBody(page, entryId)).toBe(`Notes on [[${ada.id}|Old name]] and \`[[${ada.id}|code]]\`. More.`);
  await expect(body).toHaveValue(`Notes on [[Ada Lovelace]] and \`[[${ada.id}|code]]\`. More.`);
  expect(errors).toEqual([]);
});

test('the @mention list opens at the caret and accepting it does not double a space', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await setup(page, ['Ada Lovelace', 'Adam']);
  const body = await newEntry(page);
  await page.keyboard.type('Thanks  for the notes');
  await page.keyboard.press('Home');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('@Ad');
  const list = page.getByTestId('journal-suggest');
  await expect(list).toHaveAttribute('data-kind', 'mention');
  await expect(list.getByTestId('journal-mention-option')).toHaveText([/^@Adam/, /^@Ada Lovelace/]);
  await expectAtCaret(list, body, 50);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(body).toHaveValue('Thanks @Ada Lovelace for the notes');
  await page.keyboard.type('x');
  await expect(body).toHaveValue('Thanks @Ada Lovelace xfor the notes');
  // the mention links the node
  await expect(page.getByTestId('journal-node-chip')).toHaveAttribute('data-node-id', made.nodes[0]!.id);
  expect(errors).toEqual([]);
});

test('a kept draft (stored form) is restored as [[Label]] and saved with the id', async ({ page, app }) => {
  const errors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await setup(page, ['Ada Lovelace'], ['Before [[{0}|Ada]].']);
  const ada = made.nodes[0]!;
  const entryId = made.entries[0]!;
  const stored = `Draft about [[${ada.id}|Ada]], unsaved.`;
  await page.evaluate(
    async ({ entryId, stored }) => {
      const go = (window as unknown as { go: { service: { DraftService: { PutDraft(k: string, v: string): Promise<void> }; JournalService: Svc } } }).go.service;
      const e = (await go.JournalService.GetEntry(entryId)) as unknown as { updatedAt: string };
      const draft = { occurredAt: '2026-01-02T09:00', body: stored, tags: '', type: 'reflection', nodeIds: [] };
      await go.DraftService.PutDraft(entryId, JSON.stringify({ v: 1, key: entryId, savedAt: new Date().toISOString(), baseUpdatedAt: e.updatedAt, draft }));
    },
    { entryId, stored },
  );
  await page.reload();
  await waitReady(page);
  await page.getByTestId('tab-journal').click();
  const open = page.locator(`[data-testid=journal-draft-open][data-draft-key="${entryId}"]`);
  await expect(open).toHaveText('edited entry: “Draft about Ada, unsaved.”'); // the banner names it by its label, no id
  await open.click();
  await expect(page.getByTestId('journal-restored')).toBeVisible();
  const body = page.getByTestId('journal-editor-body');
  await expect(body).toHaveValue('Draft about [[Ada Lovelace]], unsaved.');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('journal-status')).toHaveAttribute('data-state', 'saved');
  expect(await entryBody(page, entryId)).toBe(stored);
  expect(errors).toEqual([]);
});
