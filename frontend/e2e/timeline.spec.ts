import { expect, test } from './fixtures';
import { collectPageErrors, seed } from './helpers';

// The journal's timeline and the goals' history and drag-to-link, end to end
// with real pointer: Week / Month grouping, the heat strip's count for a day
// and its click showing only that day (in the page's own time zone, which the
// backend counts in), a goal's history listing its helper's entry and opening
// it in the Journal, and a node chip dragged onto a goal linking it (one undo step).
test.use({ timezoneId: 'Europe/Berlin' });

test('timeline: periods, heat strip, goal history, drag a node onto a goal', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  const made = await seed(page, [
    { label: 'Ana', dx: 150, dy: 0 },
    { label: 'Ben', dx: -150, dy: 0 },
  ]);
  const [ana] = made.ids;
  // Three entries on one local day three days ago (the first and last near its
  // midnights), one 40 days ago (another month), one today; a goal Ana helps with.
  const seeded = await page.evaluate(async (ana) => {
    type Svc = Record<string, (...a: unknown[]) => Promise<{ id: string; goal?: { id: string } }>>;
    const go = (window as unknown as { go: { service: Record<string, Svc> } }).go.service;
    const now = new Date();
    const day = (back: number, h: number, m = 0) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - back, h, m);
    const pad = (n: number) => String(n).padStart(2, '0');
    const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const add = (at: Date, body: string, nodeIds: string[] = []) =>
      go.JournalService.CreateEntry({ occurredAt: at.toISOString(), body, nodeIds, tags: [], type: 'interaction' });
    await add(day(3, 0, 5), 'Early on the busy day');
    const withAna = await add(day(3, 12), 'Pairing with Ana on Rust lifetimes', [ana]);
    await add(day(3, 23, 50), 'Late on the busy day');
    await add(day(40, 9), 'Forty days back');
    await add(day(0, 0, 1), 'Just after midnight today');
    const goal = await go.GoalService.CreateGoal({ title: 'Learn Rust', description: '', status: '', targetDate: '' });
    await go.GoalService.LinkNode(goal.goal!.id, ana);
    return { busy: ymd(day(3, 12)), withAna: withAna.id };
  }, ana!);

  await page.getByTestId('tab-journal').click();
  const timeline = page.getByTestId('journal-timeline');
  await expect(timeline.getByTestId('journal-entry')).toHaveCount(5);

  // Week: ISO weeks, each group named "Week N · …"; Month: two months at least (40 days apart).
  await page.getByTestId('timeline-mode-week').click();
  const weeks = timeline.locator('[data-testid="journal-period"][data-mode="week"]');
  await expect(weeks.first()).toBeVisible();
  await expect(weeks.first().locator('h3')).toHaveText(/^Week \d+ · /);
  await expect(timeline.getByTestId('journal-day')).toHaveCount(0);
  await page.getByTestId('timeline-mode-month').click();
  const months = timeline.locator('[data-testid="journal-period"][data-mode="month"]');
  expect(await months.count()).toBeGreaterThanOrEqual(2);
  await expect(months.first().locator('h3')).toHaveText(/^[A-Z][a-z]+ \d{4} /);
  await expect(timeline.getByTestId('journal-entry')).toHaveCount(5);

  // The heat strip: the busy day's cell says 3 (counted by the backend in Europe/Berlin).
  const cell = page.locator(`[data-testid="heat-cell"][data-date="${seeded.busy}"]`);
  await expect(cell).toHaveAttribute('data-count', '3');
  await expect(cell).toHaveAttribute('title', /^3 entries on \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await expect(page.getByTestId('heat-strip')).toHaveAttribute('data-total', '5');
  await cell.click();
  await expect(page.getByTestId('timeline-day-filter')).toHaveAttribute('data-day', seeded.busy);
  await expect(timeline.getByTestId('journal-day')).toHaveCount(1);
  await expect(timeline.getByTestId('journal-day')).toHaveAttribute('data-day', seeded.busy);
  await expect(timeline.getByTestId('journal-entry')).toHaveCount(3);
  await page.getByTestId('timeline-show-all').click();
  await expect(timeline.getByTestId('journal-entry')).toHaveCount(5);

  // The goal's history lists Ana's entry under its month; clicking it opens it in the Journal.
  await page.getByTestId('tab-goals').click();
  const goal = page.getByTestId('goal').filter({ hasText: 'Learn Rust' });
  await goal.getByRole('button', { name: 'Learn Rust' }).click();
  const hist = goal.getByTestId('goal-history-entry');
  await expect(hist).toHaveCount(1);
  await expect(hist).toContainText('Pairing with Ana on Rust lifetimes');
  await hist.click();
  await expect(page.getByTestId('tab-journal')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator(`[data-testid="journal-entry"][data-entry-id="${seeded.withAna}"]`)).toBeVisible();

  // Drag Ben's chip from the shelf onto the goal card (real pointer): he helps; Undo takes it back.
  await page.getByTestId('tab-goals').click();
  await expect(goal.getByTestId('goal-helper')).toHaveCount(1);
  const chip = page.getByTestId('node-chip').filter({ hasText: 'Ben' });
  await chip.dragTo(goal.getByTestId('goal-helpers'));
  await expect(goal.getByTestId('goal-helper')).toHaveCount(2);
  await expect(goal.getByTestId('goal-helper').filter({ hasText: 'Ben' })).toBeVisible();
  await expect(goal.getByTestId('goal-helpers')).toHaveText('2 helping');
  await page.getByTestId('history-undo').click();
  await expect(goal.getByTestId('goal-helper')).toHaveCount(1);
  await expect(goal.getByTestId('goal-helpers')).toHaveText('1 helping');
  expect(pageErrors).toEqual([]);
});

test('a heat strip narrower than its 53 weeks shows today: it is scrolled to its end, and stays so when the window narrows', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.setViewportSize({ width: 520, height: 700 });
  await page.goto(app.url);
  await page.getByTestId('tab-journal').click();
  const strip = page.getByTestId('heat-strip');
  await expect(strip.getByTestId('heat-cell').first()).toBeVisible();
  const atEnd = () => strip.evaluate((el) => el.scrollWidth > el.clientWidth && el.scrollLeft + el.clientWidth >= el.scrollWidth - 1);
  await expect.poll(atEnd).toBe(true);
  await page.setViewportSize({ width: 420, height: 700 });
  await expect.poll(atEnd).toBe(true);
  expect(pageErrors).toEqual([]);
});
