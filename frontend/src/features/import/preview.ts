// Pure logic of the import preview dialog (ImportPreview.svelte): what the
// dialog says about a preview, whether Import may be pressed, and the
// choices ApplyImport gets from the dialog's state.
import { KINDS, type ImportChoices, type ImportPreview, type Kind } from "../../api";

/** What the user answered in the dialog so far. */
export interface PreviewAnswers {
  /** for the nodes whose kind the file does not say (asked when unknownKinds > 0) */
  kind: Kind;
  /** the duplicates' keys ticked "merge into …" */
  merge: readonly string[];
  /** "Merge all": every duplicate merged, whatever is ticked */
  mergeAll: boolean;
  /** "Import the readable items and leave out the unreadable ones" */
  skipUnreadable: boolean;
}

export const DEFAULT_KIND: Kind = (KINDS as readonly string[]).includes("person") ? ("person" as Kind) : KINDS[0];

/** initialAnswers: nothing merged, nothing left out, unknown kinds become people. */
export function initialAnswers(): PreviewAnswers {
  return { kind: DEFAULT_KIND, merge: [], mergeAll: false, skipUnreadable: false };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** duplicateKeys lists the duplicates' keys, each once, in order. */
export function duplicateKeys(p: ImportPreview): string[] {
  return [...new Set((p.duplicates ?? []).map((d) => d.key))];
}

/** merged says whether the duplicate with key is merged by the answers. */
export function merged(a: PreviewAnswers, key: string): boolean {
  return a.mergeAll || a.merge.includes(key);
}

/** toggleMerge returns the answers with key ticked (on) or not. */
export function toggleMerge(a: PreviewAnswers, key: string, on: boolean): PreviewAnswers {
  const rest = a.merge.filter((k) => k !== key);
  return { ...a, merge: on ? [...rest, key] : rest };
}

/** mergedCount is how many of the preview's duplicates the answers merge. */
export function mergedCount(p: ImportPreview, a: PreviewAnswers): number {
  return duplicateKeys(p).filter((k) => merged(a, k)).length;
}

/** nodesToAdd: the preview counts possible duplicates as new nodes; a merged one is not. */
export function nodesToAdd(p: ImportPreview, a: PreviewAnswers): number {
  return Math.max(0, p.nodes - mergedCount(p, a));
}

/** addSummary says what the import adds: "Adds 3 nodes, 2 ties and 1 journal entry." */
export function addSummary(p: ImportPreview, a: PreviewAnswers): string {
  const parts: string[] = [];
  const n = nodesToAdd(p, a);
  if (n > 0) parts.push(plural(n, "node", "nodes"));
  if (p.ties > 0) parts.push(plural(p.ties, "tie", "ties"));
  if (p.entries > 0) parts.push(plural(p.entries, "journal entry", "journal entries"));
  if (parts.length === 0) return "Adds nothing new.";
  const last = parts.pop()!;
  return `Adds ${parts.length > 0 ? `${parts.join(", ")} and ${last}` : last}.`;
}

/** changeSummary says what the import changes besides: updates, merges, items already there. */
export function changeSummary(p: ImportPreview, a: PreviewAnswers): string {
  const parts: string[] = [];
  const u = (p.updates ?? []).length + mergedCount(p, a);
  if (u > 0) parts.push(`updates ${plural(u, "existing node", "existing nodes")}`);
  if (p.unchanged > 0) parts.push(`${plural(p.unchanged, "item is", "items are")} already in your network`);
  if (parts.length === 0) return "";
  const s = parts.join("; ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** sourcesLine names the files and their format: "nodes.csv, edges.csv (CSV)". */
export function sourcesLine(p: ImportPreview): string {
  const names = (p.sources ?? []).join(", ");
  const fmt = p.formatTitle || p.format;
  if (names === "") return fmt;
  return fmt ? `${names} (${fmt})` : names;
}

/** skipLabel is the text of the checkbox that accepts leaving out the unreadable items. */
export function skipLabel(skipped: number): string {
  return `Import the readable items and leave out the ${skipped === 1 ? "1 unreadable one" : `${skipped} unreadable ones`}`;
}

/** blocker says why Import cannot be pressed yet, or null when it can. */
export function blocker(p: ImportPreview, a: PreviewAnswers): string | null {
  if (p.skipped > 0 && !a.skipUnreadable) {
    return `${plural(p.skipped, "item", "items")} of the file cannot be read: tick “${skipLabel(p.skipped)}” to import the rest.`;
  }
  if (p.unknownKinds > 0 && !(KINDS as readonly string[]).includes(a.kind)) return "Choose the kind of the nodes the file does not give one.";
  return null;
}

/** buildChoices turns the dialog's answers into ApplyImport's argument, sending only what the preview asks. */
export function buildChoices(p: ImportPreview, a: PreviewAnswers): ImportChoices {
  const c: ImportChoices = { previewId: p.previewId };
  if (p.unknownKinds > 0) c.kind = a.kind;
  const keys = duplicateKeys(p);
  if (keys.length > 0) {
    if (a.mergeAll) c.mergeAll = true;
    else {
      const m = keys.filter((k) => a.merge.includes(k));
      if (m.length > 0) c.merge = m;
    }
  }
  if (p.skipped > 0 && a.skipUnreadable) c.skipUnreadable = true;
  return c;
}

/** exportLabel is an Export… menu item: "GEXF 1.3 (.gexf)". */
export function exportLabel(f: { title: string; extension: string }): string {
  const ext = f.extension.replace(/^\./, "");
  return ext ? `${f.title} (.${ext})` : f.title;
}
