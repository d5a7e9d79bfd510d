import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A running Plexus dev-tag binary with its own data folder and port on 127.0.0.1. */
export interface PlexusApp {
  url: string;
  dataDir: string;
  /** Stops the binary (SIGTERM, then SIGKILL) and starts it again on the same data folder; `between` runs while it is stopped. */
  restart(between?: () => void): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHTTP(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`plexus exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`plexus did not serve ${url} within 45 s:\n${output()}`);
}

function startPlexus(dataDir: string, port: number, sink: string[]): ChildProcess {
  const bin = process.env.PLEXUS_BIN;
  const assets = process.env.PLEXUS_ASSETS;
  if (!bin || !assets) throw new Error('PLEXUS_BIN and PLEXUS_ASSETS must be set (run build/scripts/e2e.sh)');
  const child = spawn(bin, [], {
    env: { ...process.env, assetdir: assets, devserver: `127.0.0.1:${port}`, PLEXUS_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => sink.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => sink.push(d.toString()));
  return child;
}

async function stopPlexus(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ app: PlexusApp }>({
  app: async ({}, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plexus-e2e-'));
    const port = await freePort();
    const out: string[] = [];
    let child = startPlexus(dataDir, port, out);
    const url = `http://127.0.0.1:${port}/`;
    await waitForHTTP(url, child, () => out.join(''));
    const app: PlexusApp = {
      url,
      dataDir,
      async restart(between?: () => void) {
        await stopPlexus(child);
        between?.();
        child = startPlexus(dataDir, port, out);
        await waitForHTTP(url, child, () => out.join(''));
      },
      async stop() {
        await stopPlexus(child);
      },
      log: () => out.join(''),
    };
    await use(app);
    await stopPlexus(child);
    await testInfo.attach('plexus-output', { body: out.join(''), contentType: 'text/plain' });
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** Sentinel for script-injection checks: payloads set window.__pwned; it must stay unset. */
export const XSS_IMG = '<img src=x onerror="window.__pwned=1">';
export const XSS_SCRIPT = '<script>window.__pwned=1</script>';

export async function expectNotPwned(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}
