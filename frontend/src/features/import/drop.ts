// Pure logic for drops onto the page: what a drop carries, and a guard
// against handling the same drop twice.
//
// In the Wails window with DragAndDrop.EnableFileDrop, dropped files reach Go
// natively (runtime.OnFileDrop → a preview → event "import:preview"), and
// WebKitGTK may also deliver an HTML5 drop for the same gesture. So when the
// native path is on, the page leaves files alone and handles only links; in
// a browser (dev server) the page uploads the files itself, all of one drop
// together (POST /api/import/preview). Either way the preview dialog opens.

export interface DataTransferLike {
  readonly types: readonly string[];
  readonly files: ArrayLike<File>;
  getData(format: string): string;
}

export type DropAction =
  | { kind: "files"; files: File[] }
  | { kind: "link"; url: string; title: string }
  | { kind: "none"; reason: "native" | "empty" | "not-web" };

/** NOT_WEB_LINK is the error shown for a dropped link or text that is not an http(s) URL. */
export const NOT_WEB_LINK = "Only web links (http or https) can be dropped.";

const TEXT_TYPES = ["text/x-moz-url", "text/uri-list", "text/plain"] as const;

/** webUrl returns s trimmed when it is one absolute http(s) URL with a host, else null. */
export function webUrl(s: string): string | null {
  const t = s.trim();
  if (t === "" || /\s/.test(t)) return null;
  try {
    const u = new URL(t);
    if ((u.protocol === "http:" || u.protocol === "https:") && u.host !== "") return t;
  } catch {
    // not a URL
  }
  return null;
}

/** firstUriListUrl returns the first http(s) URL of a text/uri-list (comments start with #). */
export function firstUriListUrl(list: string): string | null {
  for (const line of list.split(/\r?\n/)) {
    if (line.startsWith("#")) continue;
    const u = webUrl(line);
    if (u) return u;
  }
  return null;
}

function onlyFileUris(list: string): boolean {
  const lines = list.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
  return lines.length > 0 && lines.every((l) => /^file:/i.test(l.trim()));
}

function titleFromHtml(html: string): string {
  // Only the anchor's text is wanted; parse nothing, strip tags. The result is
  // sent to the backend as plain text and rendered as text.
  const m = /<a\b[^>]*>([\s\S]*?)<\/a>/i.exec(html);
  if (!m || m[1] === undefined) return "";
  return m[1]
    .replace(/<[^>]*>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** classifyDrop decides what a drop means. nativeFiles: the Wails window delivers files to Go itself. */
export function classifyDrop(dt: DataTransferLike, nativeFiles: boolean): DropAction {
  const types = Array.from(dt.types);
  const files = Array.from(dt.files);
  if (types.includes("Files") || files.length > 0) {
    if (nativeFiles) return { kind: "none", reason: "native" };
    if (files.length > 0) return { kind: "files", files };
  }
  let url: string | null = null;
  let title = "";
  if (types.includes("text/x-moz-url")) {
    const [u, t] = dt.getData("text/x-moz-url").split(/\r?\n/);
    url = webUrl(u ?? "");
    title = (t ?? "").trim();
  }
  if (!url && types.includes("text/uri-list")) url = firstUriListUrl(dt.getData("text/uri-list"));
  if (!url && types.includes("text/plain")) url = webUrl(dt.getData("text/plain"));
  if (!url) {
    const carried = TEXT_TYPES.filter((t) => types.includes(t) && dt.getData(t).trim() !== "");
    if (carried.length === 0) return { kind: "none", reason: "empty" };
    // File managers may offer a dropped file as a file:// URI list; in the
    // Wails window Go imports the file itself.
    if (nativeFiles && onlyFileUris(dt.getData("text/uri-list"))) return { kind: "none", reason: "native" };
    return { kind: "none", reason: "not-web" };
  }
  if (title === "" && types.includes("text/html")) title = titleFromHtml(dt.getData("text/html"));
  if (title === url) title = "";
  return { kind: "link", url, title: title.slice(0, 200) };
}

export const fileKey = (f: { name: string; size: number; lastModified?: number }) =>
  `file:${f.name}:${f.size}:${f.lastModified ?? 0}`;
export const linkKey = (url: string) => `link:${url}`;

/**
 * DropGuard remembers what was handled in the last windowMs, so one gesture
 * delivered twice (an HTML5 drop and a native one, or a repeated event) is
 * handled once. It also remembers import ids already shown.
 */
export class DropGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = 2000) {}

  /** claim returns true the first time key is seen within the window, false for a repeat. */
  claim(key: string, now: number): boolean {
    for (const [k, t] of this.seen) if (now - t > this.windowMs) this.seen.delete(k);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}

/**
 * importErrorMessage is the toast text for a failed import of `what` (a file
 * name or link). The backend's message usually names the file already
 * ("feeds.opml: line 3, column 38: …"); it is not named twice.
 */
export function importErrorMessage(what: string, message: string): string {
  return what === "" || message.includes(what) ? `Could not import: ${message}` : `Could not import ${what}: ${message}`;
}

/** importMessage is the toast text for a finished import. */
export function importMessage(r: {
  source: string;
  format: string;
  nodes: number;
  ties: number;
  entries?: number;
  updated?: number;
  skipped: number;
  note?: string;
}): string {
  const what = r.format === "opml" || r.format === "link" ? (r.nodes === 1 ? "feed" : "feeds") : r.nodes === 1 ? "node" : "nodes";
  const noun = r.format === "link" ? (r.nodes === 1 ? "link" : "links") : what;
  const entries = r.entries ?? 0;
  const updated = r.updated ?? 0;
  const added: string[] = [];
  if (r.nodes > 0 || (r.ties === 0 && entries === 0 && updated === 0)) added.push(`${r.nodes} ${noun}`);
  if (r.ties > 0) added.push(`${r.ties} ${r.ties === 1 ? "tie" : "ties"}`);
  if (entries > 0) added.push(`${entries} journal ${entries === 1 ? "entry" : "entries"}`);
  let s = added.length > 0 ? `Imported ${added.join(", ")} from ${r.source}` : `Imported from ${r.source}`;
  if (updated > 0) s += `${added.length > 0 ? "; " : ": "}updated ${updated} existing ${updated === 1 ? "node" : "nodes"}`;
  if (r.skipped > 0) s += ` (${r.skipped} already in your network)`;
  if (r.note) s += `. Note: ${r.note.replace(/[.\s]+$/, "")}`;
  return s;
}

/**
 * ProgressGate drops import:progress reports that arrive after their import
 * answered: events travel apart from the call's answer, so the last report
 * ("finishing") could come after ApplyImport returned and leave the progress
 * banner up for good. Remembers the last `keep` finished import ids.
 */
export class ProgressGate {
  private readonly finished: string[] = [];

  constructor(private readonly keep = 50) {}

  /** finish: the import with this id answered (its result came back); later reports of it are dropped. */
  finish(importId: string | undefined): void {
    if (!importId || this.finished.includes(importId)) return;
    this.finished.push(importId);
    if (this.finished.length > this.keep) this.finished.shift();
  }

  /** accept: whether a report should be shown. */
  accept(p: { importId: string }): boolean {
    return !this.finished.includes(p.importId);
  }
}
