import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { PlexusTestHook as Hook } from '../src/graph/testHook';
import { CATEGORY_COLORS, UNSET_COLOR, fade } from '../src/graph/encoding';
import { KIND_COLORS } from '../src/graph/colors';
import { drawnNodes, seed, waitReady } from './helpers';

async function looks(page: Page): Promise<Record<string, { color: string; size: number }>> {
  return page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.looks());
}

const lower = (c: string) => c.toLowerCase();

test('colour by role and size by degree from the legend, kept after a reload; the context and tag filters hide what they leave out', async ({ page, app }) => {
  await page.goto(app.url);
  const { ids } = await seed(
    page,
    [
      { label: 'Mentor Mia', role: 'mentor', contexts: ['work'], tags: ['go'], dx: 220, dy: 0 },
      { label: 'Peer Pia', role: 'peer', contexts: ['home', 'work'], tags: ['Rust'], dx: -220, dy: 0 },
      { label: 'Hub Hal', contexts: ['choir'], dx: 0, dy: 200 },
      { label: 'Quiet Quinn', status: 'dormant', kind: 'source', dx: 0, dy: -200 },
    ],
    [
      [2, 0],
      [2, 1],
      [2, 3],
    ],
  );
  const [mia, pia, hal, quinn] = ids as [string, string, string, string];

  // The default: kind colours, dormant faded, size by tie strength.
  let l = await looks(page);
  expect(lower(l[mia]!.color)).toBe(lower(KIND_COLORS.person));
  expect(lower(l[quinn]!.color)).toBe(lower(fade(KIND_COLORS.source)));

  await page.getByTestId('legend-color-by').selectOption('role');
  await expect.poll(async () => lower((await looks(page))[mia]!.color)).toBe(lower(CATEGORY_COLORS[0]));
  l = await looks(page);
  expect(lower(l[pia]!.color)).toBe(lower(CATEGORY_COLORS[1]));
  expect(lower(l[hal]!.color)).toBe(lower(UNSET_COLOR));
  // The legend names each colour with its count; the kind filter moved to a fold.
  await expect(page.getByTestId('legend-role-mentor')).toBeVisible();
  await expect(page.getByTestId('legend')).toContainText('not set');
  await expect(page.getByTestId('legend-kind-person')).toHaveCount(0);

  await page.getByTestId('legend-size-by').selectOption('degree');
  await expect.poll(async () => (await looks(page))[hal]!.size).toBeGreaterThan(l[mia]!.size);
  l = await looks(page);
  expect(l[hal]!.size).toBeCloseTo(5 + 2.2 * Math.sqrt(3), 3);
  expect(l[mia]!.size).toBeCloseTo(5 + 2.2, 3);

  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('legend-color-by')).toHaveValue('role');
  await expect(page.getByTestId('legend-size-by')).toHaveValue('degree');
  await expect.poll(async () => lower((await looks(page))[mia]!.color)).toBe(lower(CATEGORY_COLORS[0]));

  // Context: a node in work and home stays while home is shown. Hiding redraws only what it hid;
  // showing again too, with sigma's process pass so that its label grid learns the node back.
  const refreshes = () => page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.refreshes());
  const labelled = () => page.evaluate(() => (window as unknown as { __plexus: Hook }).__plexus.labelled());
  await expect.poll(async () => (await labelled()).includes(mia)).toBe(true);
  await page.getByTestId('legend-dim-context').click();
  const r0 = await refreshes();
  await page.getByTestId('legend-context-work').uncheck();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(mia)).toBe(false);
  expect((await drawnNodes(page)).drawn).toEqual(expect.arrayContaining([pia, hal, quinn]));
  const r1 = await refreshes();
  expect(r1.partial).toBeGreaterThan(r0.partial);
  expect(r1.full).toBe(r0.full);
  expect(await labelled()).not.toContain(mia);
  // A process pass while it is hidden (fitting the view) takes it out of sigma's label grid.
  await page.getByTestId('zoom-fit').click();
  await page.waitForTimeout(400);
  await page.getByTestId('legend-context-work').check();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(mia)).toBe(true);
  const r2 = await refreshes();
  expect(r2.full).toBe(r1.full);
  expect(r2.partial).toBeGreaterThan(r1.partial);
  await expect.poll(async () => (await labelled()).includes(mia)).toBe(true); // its label is back

  // Tag: only alters with one of the tags, whatever the case.
  await page.getByTestId('legend-tag-input').fill('rust');
  await page.getByTestId('legend-tag-input').press('Enter');
  await expect.poll(async () => (await drawnNodes(page)).drawn.filter((id) => ids.includes(id))).toEqual([pia]);
  await expect(page.getByTestId('legend-hidden')).toHaveText('3 hidden');
  await page.getByTestId('legend-tag-chip').click();
  await expect.poll(async () => (await drawnNodes(page)).drawn.filter((id) => ids.includes(id)).length).toBe(4);
});

test('the journal on the map: an alter past its cadence has the due ring, one quiet past the quiet period is faded and filtered as dormant, size by interactions', async ({ page, app }) => {
  await page.goto(app.url);
  const { ids } = await seed(page, [
    { label: 'Due Dana', cadence: 7, dx: 220, dy: 0 },
    { label: 'Old Olga', dx: -220, dy: 0 },
    { label: 'Busy Ben', dx: 0, dy: 200 },
  ]);
  const [dana, olga, ben] = ids as [string, string, string];
  const day = 86_400_000;
  await page.evaluate(
    async ({ dana, olga, ben, day }) => {
      type J = { CreateEntry(f: unknown): Promise<unknown> };
      const j = (window as unknown as { go: { service: { JournalService: J } } }).go.service.JournalService;
      const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
      await j.CreateEntry({ occurredAt: at(30), body: 'Coffee with Dana', nodeIds: [dana], tags: [], type: 'interaction' });
      await j.CreateEntry({ occurredAt: at(200), body: 'Met Olga once', nodeIds: [olga], tags: [], type: 'interaction' });
      for (let i = 1; i <= 4; i++) await j.CreateEntry({ occurredAt: at(i), body: `Pairing with Ben ${i}`, nodeIds: [ben], tags: [], type: 'reflection' });
    },
    { dana, olga, ben, day },
  );
  // The entries' journal:changed make the map read the activity again.
  await expect.poll(async () => (await looks(page))[dana]?.due).toBe(true);
  let l = await looks(page);
  expect(l[ben]!.due).toBe(false);
  expect(lower(l[olga]!.color)).toBe(lower(fade(KIND_COLORS.person)));
  expect(lower(l[dana]!.color)).toBe(lower(KIND_COLORS.person));

  // Olga is dormant (computed) for the status filter too; the others are active.
  await page.getByTestId('legend-dim-status').click();
  await expect(page.getByTestId('legend-fold-status')).toContainText('dormant');
  await page.getByTestId('legend-status-dormant').uncheck();
  await expect.poll(async () => (await drawnNodes(page)).drawn.includes(olga)).toBe(false);
  await page.getByTestId('legend-status-dormant').check();

  await page.getByTestId('legend-size-by').selectOption('interactions');
  await expect.poll(async () => (await looks(page))[ben]!.size).toBeCloseTo(5 + 2.2 * 2, 3);
  l = await looks(page);
  expect(l[dana]!.size).toBeCloseTo(5 + 2.2, 3);
});
