import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, waitReady } from './helpers';

// Journal images (docs/decisions/journal-images.md): a pasted or dropped image is stored by the
// backend (POST /api/images) and shown from /api/images/<id>; an oversize file is refused in the
// editor with the limit named; a drop on the editor is never an import; a remote image in a body
// never loads.

// A 2 × 1 PNG (red, blue).
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=';

/** Pastes files into the entry text as the browser delivers them (a ClipboardEvent with a DataTransfer). */
async function pasteFile(page: Page, name: string, b64: string, type: string): Promise<void> {
  await page.getByTestId('journal-editor-body').evaluate(
    (el, { name, b64, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { name, b64, type },
  );
}

/** Drops a file of size bytes (or the given bytes) onto the entry text (HTML5 drag events with a DataTransfer). */
async function dropOnEditor(page: Page, name: string, type: string, opts: { b64?: string; size?: number }): Promise<void> {
  const target = page.getByTestId('journal-editor-body');
  const dt = await page.evaluateHandle(
    ({ name, type, b64, size }) => {
      const bytes = b64 ? Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) : new Uint8Array(size ?? 0);
      const d = new DataTransfer();
      d.items.add(new File([bytes], name, { type }));
      return d;
    },
    { name, type, b64: opts.b64 ?? '', size: opts.size ?? 0 },
  );
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

test('a pasted image is stored and shown; a dropped one too, never as an import; an oversize one is refused in the editor', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  const importCalls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/import')) importCalls.push(r.url());
  });
  await page.goto(app.url);
  await waitReady(page);
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  const body = page.getByTestId('journal-editor-body');
  await body.click();
  await page.keyboard.type('Whiteboard from the meetup');

  await pasteFile(page, 'board.png', PNG_B64, 'image/png');
  await expect(body).toHaveValue(/^Whiteboard from the meetup !\[board\]\(plexus-image:[0-9a-f]{32}\)$/);
  const id = /plexus-image:([0-9a-f]{32})/.exec(await body.inputValue())![1]!;

  // The preview shows it at once, from the backend.
  const previewImg = page.getByTestId('journal-preview').locator('img');
  await expect(previewImg).toHaveAttribute('src', `/api/images/${id}`);
  await expect.poll(() => previewImg.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(2);

  // Too large: refused before upload, the limit named, the body unchanged, no import.
  const before = await body.inputValue();
  await dropOnEditor(page, 'huge.png', 'image/png', { size: 5 * 1024 * 1024 + 1 });
  await expect(page.getByTestId('journal-image-error')).toContainText('huge.png is 5.0 MiB; images up to 5 MiB can be added.');
  expect(await body.inputValue()).toBe(before);
  // Not an image Plexus keeps: refused by the backend too (the magic bytes).
  await dropOnEditor(page, 'fake.png', 'image/png', { b64: btoa('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await expect(page.getByTestId('journal-image-error')).toContainText('fake.png was not added');
  expect(await body.inputValue()).toBe(before);

  // A good drop onto the editor: an image for the entry (the same bytes, the same id), not an import.
  await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  await dropOnEditor(page, 'again.png', 'image/png', { b64: PNG_B64 });
  await expect(body).toHaveValue(`${before} ![again](plexus-image:${id})`);
  await expect(page.getByTestId('journal-image-error')).toBeHidden();
  await expect(page.getByTestId('import-preview')).toBeHidden();
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  expect(importCalls).toEqual([]);

  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();
  const card = page.getByTestId('journal-entry').first();
  const imgs = card.getByTestId('journal-entry-body').locator('img');
  await expect(imgs).toHaveCount(2);
  await expect.poll(() => imgs.first().evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(2);

  // Stored once, served as the image it is.
  const served = await page.evaluate(async (id) => {
    const res = await fetch(`/api/images/${id}`);
    return { status: res.status, type: res.headers.get('content-type'), nosniff: res.headers.get('x-content-type-options') };
  }, id);
  expect(served).toEqual({ status: 200, type: 'image/png', nosniff: 'nosniff' });
  expect(pageErrors).toEqual([]);
});

test('a remote image in an entry never loads: no request leaves, the alt text shows', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  const outside: string[] = [];
  await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(app.url) && !r.url().startsWith('ws://127.0.0.1')) outside.push(r.url());
  });
  await page.goto(app.url);
  await waitReady(page);
  await page.getByTestId('tab-journal').click();
  await page.getByTestId('journal-new').click();
  await page.getByTestId('journal-editor-body').click();
  await page.keyboard.type('Tracked ![pixel](https://tracker.example/p.png?u=1) and <img src="//tracker.example/q.gif" alt="raw">');
  await page.keyboard.press('Control+s');
  await expect(page.locator('[data-testid=journal-status][data-state=saved]')).toBeVisible();
  const entryBody = page.getByTestId('journal-entry').first().getByTestId('journal-entry-body');
  await expect(entryBody.locator('.md-image-blocked')).toHaveText(['pixel', 'raw']);
  await expect(entryBody.locator('img')).toHaveCount(0);
  await expect(page.getByTestId('journal-preview').locator('img')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(outside).toEqual([]);
  expect(pageErrors).toEqual([]);
});
