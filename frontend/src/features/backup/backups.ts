// Words for the list of automatic backups (BackupService.ListBackups):
// pure functions of pln.BackupInfo.
import type { BackupInfo } from "../../api";
import { size, when } from "../recovery/describe";

/** kindLabel says what a backup kind is for, in a few words. */
export function kindLabel(kind: string): string {
  switch (kind) {
    case "daily":
      return "Daily";
    case "pre-restore":
      return "Before a restore";
    case "pre-migration":
      return "Before an upgrade";
    case "pre-import":
      return "Before a large import";
    default:
      return kind;
  }
}

/** localTime is an RFC 3339 time as "YYYY-MM-DD HH:MM" in the page's time zone ("" when it does not parse). */
export function localTime(rfc3339: string): string {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}`;
}

/** counts says what a backup holds ("208 nodes, 12 ties, 3 journal entries"), or that its header does not say. */
export function counts(b: BackupInfo): string {
  if (b.nodes < 0) return "contents not recorded";
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${n(b.nodes, "node", "nodes")}, ${n(b.ties, "tie", "ties")}, ${n(b.entries, "journal entry", "journal entries")}`;
}

/** describe is one list row's second line: "2 hours ago · 1.2 MB · 208 nodes, …" (or the problem). */
export function describe(b: BackupInfo, now: number): string {
  const parts = [when(b.at, now), size(b.size), b.problem ? `does not read as a backup: ${b.problem}` : counts(b)];
  return parts.join(" · ");
}

/** restoreQuestion is the confirmation for restoring one of them: it cannot be undone. */
export function restoreQuestion(b: BackupInfo): { title: string; message: string; detail: string } {
  const at = localTime(b.at);
  return {
    title: "Restore this backup?",
    message: `Restoring the ${kindLabel(b.kind).toLowerCase()} backup of ${at} replaces every node, tie and journal entry in Plexus with its ${counts(b)}. It cannot be undone.`,
    detail: "The current data is saved to the backups folder first. The undo history starts afresh: nothing from before the restore can be undone.",
  };
}
