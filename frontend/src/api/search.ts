// SearchService — full-text search over the nodes and the journal
// (backend/service/search_service.go; docs/decisions/search.md). Results are
// read over HTTP (GET /api/search, docs/api.md: a page of hits is bulk data);
// the index's state is the bound Status, and its rebuild announces itself
// with search:progress.
import { invoke, runtime } from "./bridge";
import { EVENT_SEARCH_PROGRESS } from "./contract.gen";
import { ApiError } from "./errors";
import { request } from "./http";

/** A hit kind (search.KindNode, search.KindEntry). */
export type HitKind = "node" | "entry";

/** search.Span: a piece of a snippet, plain text as written in the record; mark: a matched term. Never markup. */
export interface SearchSpan {
  text: string;
  mark?: boolean;
}

/**
 * search.Hit. title: the node's label, or the entry's date (YYYY-MM-DD, UTC
 * calendar); date: the entry's occurredAt (RFC 3339; absent for nodes);
 * type: the entry type or node kind; field: where the snippet is from
 * ("body", "tags", "label", "urls", "emails", "org").
 */
export interface SearchHit {
  kind: HitKind;
  id: string;
  title: string;
  date?: string;
  type: string;
  field: string;
  snippet: SearchSpan[];
  score: number;
}

/** search.Result: hits best first; total counts every match (it may exceed hits.length: the limit). */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/**
 * service.SearchFilters. AND across filters, OR within one list (all of
 * several tags). from/to: local dates YYYY-MM-DD, both included (entries
 * only); nodeIds: those nodes and the entries linking them; goalIds: the
 * nodes that help those goals and the entries linking them; types: entry
 * types and node kinds; limit: 1–200 (absent: 20).
 */
export interface SearchFilters {
  kinds?: HitKind[];
  from?: string;
  to?: string;
  nodeIds?: string[];
  goalIds?: string[];
  tags?: string[];
  types?: string[];
  limit?: number;
}

/** service.SearchProgress: building while a rebuild runs (done of total records); ready once searches are answered. */
export interface SearchProgress {
  building: boolean;
  ready: boolean;
  done: number;
  total: number;
  inMemory: boolean;
}

/** searchQueryString is the query string of GET /api/search for q and f (the repeatable parameters once per value). */
export function searchQueryString(q: string, f: SearchFilters = {}): string {
  const p = new URLSearchParams();
  p.set("q", q);
  for (const k of f.kinds ?? []) p.append("kind", k);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  for (const id of f.nodeIds ?? []) p.append("node", id);
  for (const id of f.goalIds ?? []) p.append("goal", id);
  for (const t of f.tags ?? []) if (t.trim() !== "") p.append("tag", t.trim());
  for (const t of f.types ?? []) p.append("type", t);
  if (f.limit !== undefined) p.set("limit", String(f.limit));
  return `?${p.toString()}`;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** decodeResult checks a GET /api/search body; a hit without kind or id is dropped, a malformed body is an internal ApiError. */
export function decodeResult(raw: unknown): SearchResult {
  if (raw === null || typeof raw !== "object" || !Array.isArray((raw as { hits?: unknown }).hits)) {
    throw new ApiError("internal", "The backend's search answer has no list of hits.");
  }
  const r = raw as { hits: unknown[]; total?: unknown };
  const hits: SearchHit[] = [];
  for (const h of r.hits) {
    if (h === null || typeof h !== "object") continue;
    const o = h as Record<string, unknown>;
    if ((o.kind !== "node" && o.kind !== "entry") || typeof o.id !== "string" || o.id === "") continue;
    const snippet: SearchSpan[] = Array.isArray(o.snippet)
      ? o.snippet.flatMap((s: unknown) => {
          const sp = s as { text?: unknown; mark?: unknown } | null;
          return sp && typeof sp.text === "string" ? [sp.mark === true ? { text: sp.text, mark: true } : { text: sp.text }] : [];
        })
      : [];
    const hit: SearchHit = { kind: o.kind, id: o.id, title: str(o.title), type: str(o.type), field: str(o.field), snippet, score: typeof o.score === "number" ? o.score : 0 };
    if (typeof o.date === "string" && o.date !== "") hit.date = o.date;
    hits.push(hit);
  }
  const total = typeof r.total === "number" && Number.isFinite(r.total) ? Math.max(r.total, hits.length) : hits.length;
  return { hits, total };
}

/**
 * fetchSearch runs one search. Rejects with ApiError: invalid (a bad
 * query or filter: the message says what and where), not_found (a goal
 * filter naming a deleted goal), conflict (the index is being rebuilt:
 * Status says how far), internal. An aborted request rejects too; callers
 * that abort ignore it.
 */
export async function fetchSearch(q: string, f: SearchFilters = {}, signal?: AbortSignal): Promise<SearchResult> {
  const raw = await request(`/api/search${searchQueryString(q, f)}`, signal ? { signal } : undefined);
  return decodeResult(raw);
}

/** Status: whether the index is ready, or how far its rebuild is. */
export const Status = () => invoke<SearchProgress>("service", "SearchService", "Status");

/** search:progress; returns the unsubscribe function (a no-op outside Wails). */
export function onSearchProgress(cb: (p: SearchProgress) => void): () => void {
  const rt = runtime();
  if (!rt) return () => {};
  const off = rt.EventsOnMultiple(EVENT_SEARCH_PROGRESS, (...data: unknown[]) => cb((data[0] ?? {}) as SearchProgress), -1);
  return typeof off === "function" ? off : () => {};
}
