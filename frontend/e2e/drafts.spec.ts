import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, waitReady } from './helpers';

// Journal drafts live in the backend's store (DraftService), so they are
// encrypted with the data folder; the webview's localStorage holds none.

const MARKER = 'numbat-e2e-draft-marker';
const LEGACY_ID = '01900000-0000-7000-8000-00000000d1af';

/** The drafts the backend keeps (DraftService.Drafts, through the page's bridge). */
async function backendDrafts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    (window as unknown as { go: { service: { DraftService: { Drafts(): Promise<Record<string, string>> } } } }).go.service.DraftService.Drafts(),
  );
}

/** localStorage entries that are drafts or hold the marker. */
async function localDrafts(page: Page): Promise<string[]> {
  return page.evaluate(
    (marker) => Object.keys(localStorage).filter((k) => k.startsWith('plexus.journal.draft') || (localStorage.getItem(k) ?? '').includes(marker)),
    MARKER,
  );
}

test('an unsaved draft is kept by the backend, not in localStorage, and is restored after a restart', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);

  // A draft an older Plexus left in localStorage moves into the backend at the next start.
  await page.evaluate(
    ({ id, marker }) => {
      const draft = { occurredAt: '2026-01-02T09:00', body: `legacy ${marker}`, tags: '', type: 'reflection', nodeIds: [] };
      localStorage.setItem(`plexus.journal.draft.${id}`, JSON.stringify({ v: 1, key: id, savedAt: '2026-01-02T09:05:00.000Z', baseUpdatedAt: null, draft }));
    },
    { id: LEGACY_ID, marker: MARKER },
  );
  await page.reload();
  await waitReady(page);
  await expect.poll(() => localDrafts(page)).toEqual([]);
  expect((await backendDrafts(page))[LEGACY_ID]).toContain(`legacy ${MARKER}`);

  // Type into a new entry without saving: tags only, so the autosave (which needs a body) never runs.
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  await page.getByTestId('journal-tags').click();
  await page.keyboard.type(`${MARKER}, second`);
  await expect.poll(async () => (await backendDrafts(page)).new ?? '', { timeout: 5_000 }).toContain(`${MARKER}, second`);
  expect(await localDrafts(page)).toEqual([]);

  await app.restart();
  await page.goto(app.url);
  await waitReady(page);
  await page.getByTestId('tab-journal').click();
  const kept = page.getByTestId('journal-draft-open');
  await expect(kept).toHaveCount(2);
  await page.locator('[data-testid=journal-draft-open][data-draft-key=new]').click();
  await expect(page.getByTestId('journal-tags')).toHaveValue(`${MARKER}, second`);
  await expect(page.getByTestId('journal-restored')).toBeVisible();
  expect(await localDrafts(page)).toEqual([]);

  // Discarding it removes it from the backend too.
  await page.getByTestId('journal-discard').click();
  await expect.poll(async () => Object.keys(await backendDrafts(page)).sort()).toEqual([LEGACY_ID]);
  expect(pageErrors).toEqual([]);
});

test('the body autosaves 1.5 s after typing stops (no Ctrl+S); the rest reaches the backend within a second and a page killed then gets it back as a draft', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  const body = page.getByTestId('journal-editor-body');
  await expect(body).toBeFocused();
  await page.keyboard.type('autosaved-marker first words', { delay: 20 });
  // No key pressed since: the entry appears in the list, saved by the autosave alone.
  const card = page.getByTestId('journal-entry').filter({ hasText: 'autosaved-marker first words' });
  await expect(card).toHaveCount(1, { timeout: 6_000 });
  await expect(page.getByTestId('journal-status')).toHaveAttribute('data-state', 'saved');

  // More typing; the backend holds all of it within a second of the last key, with the page alive.
  await page.keyboard.type(' and the rest typed before the crash', { delay: 20 });
  const whole = 'autosaved-marker first words and the rest typed before the crash';
  await expect.poll(async () => Object.values(await backendDrafts(page)).some((d) => JSON.stringify(d).includes(whole)), { intervals: [100], timeout: 1_500 }).toBe(true);
  // Then the page dies without a word: nothing it sends from now on reaches the backend (no flush on unload).
  await page.route('**/*', (r) => r.abort());
  await page.close({ runBeforeUnload: false });

  const again = await page.context().newPage();
  await again.goto(app.url);
  await waitReady(again);
  await again.getByTestId('tab-journal').click();
  // The entry as autosaved, and the draft of the rest offered back.
  await expect(again.getByTestId('journal-entry').filter({ hasText: 'autosaved-marker first words' })).toHaveCount(1);
  const kept = again.getByTestId('journal-draft-open');
  await expect(kept).toHaveCount(1);
  await kept.click();
  await expect(again.getByTestId('journal-editor-body')).toHaveValue('autosaved-marker first words and the rest typed before the crash');
  await expect(again.getByTestId('journal-restored')).toBeVisible();
  expect(pageErrors.filter((e) => !/crash|Target/i.test(e))).toEqual([]);
});
