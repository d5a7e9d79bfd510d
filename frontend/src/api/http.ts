// Bulk data over the app's own HTTP handler (same origin as the page):
// GET /api/network (whole, a subset by id, or as of a time), GET /api/journal,
// GET /api/history (+ /diff), POST /api/import/preview (the files of an
// import, multipart), GET /api/export. See docs/api.md.

import { decodeNetwork, decodeSubset, type NetworkSubset } from "./columnar";
import { ApiError, fromHttp, toApiError } from "./errors";
import { decodeDiff, decodeHistoryPage } from "./historyDecode";
import type { EntryPage, HistoryPage, ImportPreview, NetworkDiff, NetworkSnapshot } from "./types";

/** request GETs (or sends init) a JSON body from the app's own HTTP handler; any failure is an ApiError. */
export async function request(path: string, init?: RequestInit): Promise<unknown> {
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

/** decoded runs a decoder; what it throws becomes an internal ApiError. */
function decoded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new ApiError("internal", e instanceof Error ? e.message : String(e));
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

/** fetchNetworkAt reads the whole network as it was at `at` (RFC 3339): the same shape as fetchNetwork. */
export async function fetchNetworkAt(at: string): Promise<NetworkSnapshot> {
  const raw = await request(`/api/network?${new URLSearchParams({ at }).toString()}`);
  try {
    return decodeNetwork(raw);
  } catch (e) {
    throw new ApiError("internal", e instanceof Error ? e.message : String(e));
  }
}

/**
 * fetchNetworkChange reads what turns the network as at `from` into the one
 * at `at` (the subset form: every record changed in between as it was at
 * `at`, the ends of those ties, and the ids that did not exist then). Patch
 * a copy of the network at `from` with it (mirror/patch.ts).
 */
export async function fetchNetworkChange(at: string, from: string): Promise<NetworkSubset> {
  const raw = await request(`/api/network?${new URLSearchParams({ at, from }).toString()}`);
  return decoded(() => decodeSubset(raw));
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

/**
 * previewFiles uploads the files of one import (a drop, a choice in the
 * file picker: a CSV node table and its edge table belong together) as the
 * "file" parts of a multipart form and answers what importing them would do.
 * Nothing is written until ImportService.ApplyImport (imports.ts).
 */
export async function previewFiles(files: readonly File[], signal?: AbortSignal): Promise<ImportPreview> {
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  // No Content-Type header: the browser writes multipart/form-data with its boundary.
  const init: RequestInit = { method: "POST", body: form };
  if (signal) init.signal = signal;
  return (await request("/api/import/preview", init)) as ImportPreview;
}

/**
 * exportUrl is where the page downloads the network in a format
 * (ImportService.ExportFormats names them): GET /api/export answers the
 * file as an attachment with its name, so an <a download> on it saves it.
 * Same origin and no scheme, so it passes safeHref (ui/links.ts).
 */
export function exportUrl(format: string): string {
  return `/api/export?${new URLSearchParams({ format }).toString()}`;
}

/** The most steps one GET /api/history page may hold. */
export const MAX_HISTORY_PAGE = 500;

export function historyQueryString(before: string, limit: number): string {
  const p = new URLSearchParams();
  if (before !== "") p.set("before", before);
  p.set("limit", String(Math.max(1, Math.min(MAX_HISTORY_PAGE, Math.round(limit)))));
  return `?${p.toString()}`;
}

/** fetchHistory reads one page of the change log, newest first, older than the step `before` ("" = from the newest). */
export async function fetchHistory(before = "", limit = 100): Promise<HistoryPage> {
  const raw = await request(`/api/history${historyQueryString(before, limit)}`);
  return decoded(() => decodeHistoryPage(raw));
}

export function diffQueryString(from: string, to?: string): string {
  const p = new URLSearchParams({ from });
  if (to) p.set("to", to);
  return `?${p.toString()}`;
}

/** fetchHistoryDiff lists the nodes and ties added, removed and changed between two times (to omitted = now). */
export async function fetchHistoryDiff(from: string, to?: string): Promise<NetworkDiff> {
  const raw = await request(`/api/history/diff${diffQueryString(from, to)}`);
  return decoded(() => decodeDiff(raw));
}
