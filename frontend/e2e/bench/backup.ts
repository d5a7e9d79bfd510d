// Generates a Plexus backup (docs/api.md, backend/interchange/backup.go) of a synthetic
// network, for the browser benchmark: `plexus restore --in FILE --data-dir D` loads it into a
// fresh data folder much faster than creating the nodes through the UI or the API.
import fs from 'node:fs';

/** A small seeded PRNG (mulberry32), so every run benchmarks the same network. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A canonical UUIDv7 (RFC 9562) whose 48-bit time is ms; unique and ordered by ms. */
function uuidv7(ms: number, rand: () => number): string {
  const t = hex(ms, 12);
  const r = () => Math.floor(rand() * 0x10000);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(r() & 0xfff, 3)}-${hex(0x8000 | (r() & 0x3fff), 4)}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`;
}

const KINDS = ['person', 'organisation', 'community', 'source', 'service', 'device'];
const RELATIONS = ['knows', 'learns from', 'member of', 'follows', 'uses', 'recommends', 'introduced', 'works with'];
const TAGS = ['ml', 'design', 'go', 'teaching', 'research', 'writing', 'oss', 'stats'];

/**
 * Writes a backup with `nodes` nodes (one ego at 0,0, pinned; alters spread over a square about
 * 40 units per node wide) and `ties` random ties between distinct alters. Returns the ego's id.
 */
export function writeBackup(file: string, nodes: number, ties: number, seed = 1): string {
  const rand = rng(seed);
  const base = Date.UTC(2025, 0, 1, 9);
  const at = new Date(base).toISOString();
  const span = Math.sqrt(nodes) * 40;
  const ids: string[] = [];
  const nodeRecs: object[] = [];
  for (let i = 0; i < nodes; i++) {
    const id = uuidv7(base + i, rand);
    ids.push(id);
    if (i === 0) {
      nodeRecs.push({ id, ego: true, label: 'Me', kind: 'person', x: 0, y: 0, pinned: true, createdAt: at, updatedAt: at });
      continue;
    }
    const kind = KINDS[i % KINDS.length];
    nodeRecs.push({
      id,
      label: kind === 'source' ? `Blog ${i}` : `Person ${i}`,
      kind,
      tags: [TAGS[i % TAGS.length], TAGS[Math.floor(i / 3) % TAGS.length]],
      relation: RELATIONS[i % RELATIONS.length],
      strength: 1 + (i % 5),
      x: (rand() - 0.5) * span,
      y: (rand() - 0.5) * span,
      createdAt: at,
      updatedAt: at,
    });
  }
  const tieRecs: object[] = [];
  for (let i = 0; i < ties; i++) {
    const from = 1 + Math.floor(rand() * (nodes - 1));
    let to = 1 + Math.floor(rand() * (nodes - 2));
    if (to >= from) to++;
    tieRecs.push({
      id: uuidv7(base + nodes + i, rand),
      from: ids[from],
      to: ids[to],
      relation: RELATIONS[i % RELATIONS.length],
      directed: i % 3 === 0,
      strength: 1 + (i % 5),
      createdAt: at,
      updatedAt: at,
    });
  }
  const backup = {
    format: 'plexus-backup',
    version: 1,
    exportedAt: at,
    ego: ids[0],
    nodes: nodeRecs,
    ties: tieRecs,
    entries: [],
    imports: [],
  };
  fs.writeFileSync(file, JSON.stringify(backup));
  return ids[0] as string;
}
