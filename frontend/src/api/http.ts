// Bulk data over the app's own HTTP handler (same origin as the page):
// GET /api/network (whole, or a subset by id), GET /api/journal,
// POST /api/import. See docs/api.md.

import { decodeNetwork, decodeSubset, type NetworkSubset } from "./columnar";
import { ApiError, fromHttp, toApiError } from "./errors";
import type { EntryPage, ImportResult, NetworkSnapshot } from "./types";

async function request(path: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { cache: "no-store", ...init });
  } catch (e) {
    throw toApiError(e);
  }
  const text = await res.text().catch(() => "");
  if (!res.ok) throw fromHttp(res.status, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("internal", `The backend sent something that is not JSON for ${path.split("?")[0]}.`);
  }
}

export async function fetchNetwork(): Promise<NetworkSnapshot> {
  const raw = await request("/api/network");
  try {
    return decodeNetwork(raw);
  } catch (e) {
    throw new ApiError("internal", e instanceof Error ? e.message : String(e));
  }
}

/** The most ids one subset request may name (backend: service.MaxSubsetIDs). */
export const MAX_SUBSET_IDS = 1000;

export function subsetQueryString(nodeIds: readonly string[], tieIds: readonly string[]): string {
  const p = new URLSearchParams();
  for (const id of nodeIds) p.append("node", id);
  for (const id of tieIds) p.append("tie", id);
  return `?${p.toString()}`;
}

/**
 * fetchNetworkSubset reads only the named nodes and ties (plus the ends of the
 * ties) and lists the named ids that no longer exist. At most MAX_SUBSET_IDS ids.
 */
export async function fetchNetworkSubset(nodeIds: readonly string[], tieIds: readonly string[]): Promise<NetworkSubset> {
  const raw = await request(`/api/network${subsetQueryString(nodeIds, tieIds)}`);
  try {
    return decodeSubset(raw);
  } catch (e) {
    throw new ApiError("internal", e instanceof Error ? e.message : String(e));
  }
}

export interface JournalQuery {
  from?: string;
  to?: string;
  node?: string;
  limit?: number;
  cursor?: string;
}

export function journalQueryString(q: JournalQuery): string {
  const p = new URLSearchParams();
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.node) p.set("node", q.node);
  if (q.limit !== undefined) p.set("limit", String(q.limit));
  if (q.cursor) p.set("cursor", q.cursor);
  const s = p.toString();
  return s === "" ? "" : `?${s}`;
}

export async function fetchJournal(q: JournalQuery = {}): Promise<EntryPage> {
  const raw = (await request(`/api/journal${journalQueryString(q)}`)) as Partial<EntryPage> | null;
  return { entries: Array.isArray(raw?.entries) ? raw.entries : [], next: typeof raw?.next === "string" ? raw.next : "" };
}

/** importFile uploads a dropped File's bytes; the format is detected by the backend. */
export async function importFile(file: Blob, name: string, signal?: AbortSignal): Promise<ImportResult> {
  const init: RequestInit = {
    method: "POST",
    body: file,
    headers: { "Content-Type": "application/octet-stream" },
  };
  if (signal) init.signal = signal;
  return (await request(`/api/import?name=${encodeURIComponent(name)}`, init)) as ImportResult;
}
