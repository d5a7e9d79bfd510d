import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { collectPageErrors, nodes, ties, waitReady } from './helpers';

// Import… and Export… in the toolbar, through the preview dialog, against the real backend.
// Files are chosen the way a person does: a click on Import… opens the file chooser.

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const PRIMER = path.join(repoRoot, 'backend/interchange/testdata/gexf/gexf_primer_1.3_simple.gexf');
/** The GEXF 1.3 primer's "simple" example (two nodes, one edge), when the testdata file is not there. */
const PRIMER_TEXT = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
    <meta lastmodifieddate="2009-03-20">
        <creator>Gexf.net</creator>
        <description>A hello world! file</description>
    </meta>
    <graph mode="static" defaultedgetype="directed">
        <nodes>
            <node id="0" label="Hello" />
            <node id="1" label="Word" />
        </nodes>
        <edges>
            <edge id="0" source="0" target="1" />
        </edges>
    </graph>
</gexf>
`;

type FilePayload = { name: string; mimeType: string; buffer: Buffer };

/** chooseFiles clicks Import… and answers the file chooser. */
async function chooseFiles(page: Page, files: string | FilePayload | FilePayload[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-files').click();
  const fc = await chooser;
  expect(fc.isMultiple()).toBe(true);
  await fc.setFiles(files);
}

interface ApiNode {
  id: string;
  label: string;
  kind: string;
  emails?: string[];
  organisation?: string;
  url?: string;
  description?: string;
}

async function getNode(page: Page, id: string): Promise<ApiNode> {
  return page.evaluate(async (nid) => {
    const go = (window as unknown as { go: { service: { NetworkService: { GetNode(id: string): Promise<unknown> } } } }).go.service;
    return (await go.NetworkService.GetNode(nid)) as ApiNode;
  }, id);
}

async function storedLabels(page: Page): Promise<string[]> {
  const net = await page.evaluate(async () => (await fetch('/api/network', { cache: 'no-store' })).json());
  return [...(net.nodes.label as string[])].sort();
}

test('Import… a GEXF file: the preview counts it, asks the kind, imports it as one undoable step', async ({ page, app }) => {
  const pageErrors = collectPageErrors(page);
  await page.goto(app.url);
  await waitReady(page);
  expect(await nodes(page)).toHaveLength(1);

  await chooseFiles(page, fs.existsSync(PRIMER) ? PRIMER : { name: 'gexf_primer_1.3_simple.gexf', mimeType: 'application/xml', buffer: Buffer.from(PRIMER_TEXT) });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('preview-sources')).toContainText('gexf_primer_1.3_simple.gexf');
  await expect(dialog.getByTestId('preview-sources')).toContainText(/GEXF/i);
  await expect(dialog.getByTestId('preview-nodes')).toHaveText('2');
  await expect(dialog.getByTestId('preview-ties')).toHaveText('1');
  await expect(dialog.getByTestId('preview-adds')).toHaveText('Adds 2 nodes and 1 tie.');
  // Nothing is written before Import.
  expect(await storedLabels(page)).toEqual(['Me']);
  await page.screenshot({ path: test.info().outputPath('import-preview.png') }); // to look at

  // The file gives no kinds: the kind is asked, person by default; choose another by keyboard.
  const kind = dialog.getByLabel(/Kind for the 2 nodes/);
  await expect(kind).toHaveValue('person');
  await kind.focus();
  await kind.selectOption('organisation');
  await expect(kind).toBeFocused();
  // The focus stays in the dialog: Tab from the last control comes back to the first.
  const importBtn = dialog.getByTestId('preview-import');
  await importBtn.focus();
  await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await importBtn.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('toast-message').filter({ hasText: 'Imported 2 nodes, 1 tie from' })).toContainText('takes it back');
  await expect.poll(async () => (await nodes(page)).map((n) => n.label).sort()).toEqual(['Hello', 'Me', 'Word']);
  const imported = (await nodes(page)).filter((n) => !n.ego);
  expect(imported.map((n) => n.kind)).toEqual(['organisation', 'organisation']);
  await expect.poll(async () => (await ties(page)).length).toBe(1);

  // One step of the history: Ctrl+Z (outside any text field) takes all of it back.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await nodes(page)).map((n) => n.label)).toEqual(['Me']);
  expect(await ties(page)).toHaveLength(0);
  expect(pageErrors).toEqual([]);
});

test('a vCard of someone already in the network is flagged as a duplicate and merged into her', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  const ada = await page.evaluate(async () => {
    const go = (window as unknown as { go: { service: { NetworkService: { CreateNode(f: unknown, x: number, y: number): Promise<{ id: string }> } } } })
      .go.service;
    return go.NetworkService.CreateNode(
      {
        label: 'Ada Lovelace',
        kind: 'person',
        description: '',
        url: '',
        feedUrl: '',
        emails: ['ada@example.org'],
        organisation: '',
        tags: [],
        relation: '',
        strength: 0,
        role: '',
        contexts: [],
        mode: '',
        status: '',
        cadence: 0,
        extra: {},
      },
      120,
      80,
    );
  });
  await expect.poll(async () => (await nodes(page)).filter((n) => n.label === 'Ada Lovelace').length).toBe(1);

  const vcf = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'FN:Ada Lovelace',
    'N:Lovelace;Ada;;;',
    'EMAIL:ada@example.org',
    'ORG:Analytical Engine Society',
    'URL:https://ada.example.org/',
    'END:VCARD',
    '',
  ].join('\r\n');
  await chooseFiles(page, { name: 'ada.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  const dup = dialog.getByTestId('preview-duplicate');
  await expect(dup).toHaveCount(1);
  await expect(dup).toContainText('Ada Lovelace');
  await expect(dup).toContainText(/email/i);
  const merge = dialog.getByRole('checkbox', { name: 'Merge into Ada Lovelace' });
  await expect(merge).not.toBeChecked();
  await expect(dialog.getByTestId('preview-nodes')).toHaveText('1');
  await merge.click();
  await expect(merge).toBeChecked();
  await expect(dialog.getByTestId('preview-nodes')).toHaveText('0');
  if (await dialog.getByTestId('preview-kind').isVisible()) await dialog.getByTestId('preview-kind').selectOption('person');
  await dialog.getByTestId('preview-import').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-testid=toast][data-kind=success]')).toContainText('updated 1 existing node');

  await page.waitForTimeout(500);
  const adas = (await nodes(page)).filter((n) => n.label === 'Ada Lovelace');
  expect(adas).toHaveLength(1);
  expect(adas[0].id).toBe(ada.id);
  expect(await storedLabels(page)).toEqual(['Ada Lovelace', 'Me']);
  const after = await getNode(page, ada.id);
  expect(after.emails).toEqual(['ada@example.org']);
  expect(after.organisation).toBe('Analytical Engine Society');
  expect(after.url).toBe('https://ada.example.org/');
});

test('a malformed file is refused with the place of the error, and nothing changes', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  const before = await storedLabels(page);
  await chooseFiles(page, { name: 'broken.gexf', mimeType: 'application/xml', buffer: Buffer.from('<gexf><graph><nodes><node id=') });
  const toast = page.locator('[data-testid=toast][data-kind=error]');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('broken.gexf');
  await expect(toast).toContainText(/line \d+, column \d+/);
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await storedLabels(page)).toEqual(before);
  expect((await nodes(page)).map((n) => n.label)).toEqual(before);
});

test('Cancel (Escape) closes the preview without importing', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="One feed" xmlUrl="https://one.example/feed"/></body></opml>`;
  await chooseFiles(page, { name: 'one.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByTestId('preview-adds')).toHaveText('Adds 1 node.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(300);
  expect(await storedLabels(page)).toEqual(['Me']);
  await expect(page.getByTestId('history-undo')).toBeDisabled();
});

test('Export… GEXF downloads the network as a GEXF file', async ({ page, app }) => {
  await page.goto(app.url);
  await waitReady(page);
  await page.evaluate(async () => {
    const go = (window as unknown as { go: { service: { NetworkService: { RenameEgo(l: string): Promise<unknown> } } } }).go.service;
    await go.NetworkService.RenameEgo('Mara Export-Test');
  });
  await page.getByTestId('export-menu').click();
  const menu = page.getByRole('menu', { name: 'Export the network as' });
  await expect(menu).toBeVisible();
  const item = menu.locator('[data-testid=export-format][data-format=gexf]');
  await expect(item).toContainText('.gexf');
  const download = page.waitForEvent('download');
  await item.click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/\.gexf$/);
  const file = await d.path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('<?xml')).toBe(true);
  expect(text).toContain('Mara Export-Test');
  await expect(menu).toBeHidden();
});
