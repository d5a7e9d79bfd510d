// Builds the bare page (bare/index.html + main.ts) with Vite against the project's own
// node_modules and serves it, plus the network JSON the spec hands over, on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BARE = path.join(HERE, 'bare');

export interface BareServer {
  /** the page's URL (…/bare/index.html) */
  url: string;
  setNetwork(json: string): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** buildBare bundles the bare page into outDir (a few seconds). */
export async function buildBare(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: BARE,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 5000 },
  });
}

export async function serveBare(outDir: string): Promise<BareServer> {
  let network = '{}';
  const srv = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p === '/bare/network.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(network);
      return;
    }
    const rel = p.replace(/^\/bare\//, '');
    const file = path.join(outDir, rel === '' ? 'index.html' : rel);
    if (!p.startsWith('/bare/') || !file.startsWith(outDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/bare/index.html`,
    setNetwork: (json) => {
      network = json;
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}
