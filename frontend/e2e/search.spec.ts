import { expect, test } from './fixtures';
import { collectPageErrors, seed } from './helpers';

// Full-text search end to end with real keys and pointer: the journal's box
// finds "learning" for "learned" (stemmed) with the words marked, a type
// filter narrows the hits, Enter opens the entry; the palette's Full text
// section finds a node by its description and Enter opens it on the map; the
// map's "Search everything" opens an entry in the journal.
test('full-text search: journal box, filter, palette', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Ada', dx: 150, dy: 0 },
    { label: 'Bob', dx: -150, dy: 0 },
  ]);
  const [ada, bob] = made.ids as [string, string];
  const [entryId, rustId] = await page.evaluate(
    async ({ ada, bob }) => {
      type Svc = Record<string, (...a: unknown[]) => Promise<{ id: string }>>;
      const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
      const e = await go.JournalService.CreateEntry({ occurredAt: '2026-03-02T10:00:00Z', body: 'Learning graph layouts with Ada', nodeIds: [ada], tags: [], type: 'interaction' });
      const r = await go.JournalService.CreateEntry({ occurredAt: '2026-03-03T10:00:00Z', body: 'Learning Rust <b>alone</b>', nodeIds: [], tags: [], type: 'reflection' });
      const f = { label: 'Bob', kind: 'person', description: 'Mentor for distributed systems', strength: 0, relation: '', status: '', role: '', mode: '', cadence: 0, tags: [], emails: [], contexts: [], extra: {} };
      await go.NetworkService.UpdateNode(bob, f);
      return [e.id, r.id];
    },
    { ada, bob },
  );

  await page.getByTestId('tab-journal').click();
  const box = page.getByTestId('journal-search-input');
  await box.click();
  await page.keyboard.type('learned');
  const results = page.getByTestId('journal-search').getByTestId('search-hit');
  await expect(results).toHaveCount(2);
  await expect(results.first().locator('mark')).toHaveText(/^learning$/i);
  await expect(page.getByTestId('journal-search').locator('b')).toHaveCount(0); // user text stays text

  // A type filter narrows the hits to the interaction.
  await page.getByTestId('journal-search-filters-toggle').click();
  await page.getByTestId('journal-search-type').selectOption('interaction');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toHaveAttribute('data-id', entryId);

  // Enter in the box opens the hit in the editor.
  await box.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('journal-editor')).toHaveAttribute('data-entry-id', entryId);
  await expect(page.getByTestId('journal-editor-body')).toHaveValue(/Learning graph layouts/);

  // The palette: "distributed" matches no label or command, only Bob's description.
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type('distributed');
  const hit = page.getByTestId('palette').getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute('data-id', bob);
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-map')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', bob);

  // The map's search box: labels as before, and "Search everything" for the rest.
  await page.getByTestId('search-input').click();
  await page.keyboard.type('rust');
  await expect(page.getByTestId('search-count')).toHaveText('0 found');
  await page.getByTestId('map-fulltext').click();
  const mapHit = page.getByTestId('map-fulltext-panel').getByTestId('search-hit');
  await expect(mapHit).toHaveCount(1);
  await expect(mapHit).toHaveAttribute('data-id', rustId);
  await mapHit.click(); // over the canvas: the panel takes the pointer
  await expect(page.getByTestId('journal-editor')).toHaveAttribute('data-entry-id', rustId);
  expect(pageErrors).toEqual([]);
});
