// Plain words for the recovery screen: pure functions of RecoveryState.
import type { Problem, RecoveryState, SalvageReport } from "../../api/recovery";
import type { BackupInfo } from "../../api/types";

/** headline is the screen's title for why the store did not open. */
export function headline(s: RecoveryState): string {
  switch (s.code) {
    case "locked":
      return "Your Plexus data is locked";
    case "damaged":
      return "Plexus found damage in your data and did not open it";
    case "unsupported":
      return "This data was written by a newer Plexus";
    case "conflict":
      return "Plexus could not take hold of your data";
    case "disk_full":
      return "The disk holding your data is full";
    case "read_only":
      return "Plexus cannot write to your data folder";
    default:
      return "Plexus could not open your data";
  }
}

/** problemLine is one damaged file in words ("MANIFEST: missing, …"). */
export function problemLine(p: Problem): string {
  return p.file ? `${p.file}: ${p.reason}` : p.reason;
}

/** size in B, KB or MB (1 KB = 1024 bytes), one decimal above 1 KB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** when says how long ago an RFC 3339 time was, from now (ms since the epoch). */
export function when(rfc3339: string, now: number): string {
  const t = Date.parse(rfc3339);
  if (Number.isNaN(t)) return "at an unknown time";
  const mins = Math.round((now - t) / 60000);
  if (mins < 1) return "just now";
  if (mins < 60) return `${mins} minute${mins === 1 ? "" : "s"} ago`;
  const hours = Math.round(mins / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

const kinds: Record<string, string> = {
  daily: "daily backup",
  "pre-restore": "saved before a restore",
  "pre-migration": "saved before an upgrade",
  "pre-import": "saved before an import",
};

/** backupLine names a backup: "daily backup, 2 hours ago, 1.2 MB, 208 nodes" (counts when the file records them). */
export function backupLine(b: BackupInfo, now: number): string {
  const parts = [kinds[b.kind] ?? b.name, when(b.at, now), size(b.size)];
  if (b.nodes >= 0) parts.push(`${b.nodes} node${b.nodes === 1 ? "" : "s"}, ${b.entries} entr${b.entries === 1 ? "y" : "ies"}`);
  return parts.join(", ");
}

/** salvageSummary says what a salvage got back and what it could not read. */
export function salvageSummary(r: SalvageReport): string {
  const lost = r.Unreadable?.length ?? 0;
  const got = `It holds ${r.Nodes} node${r.Nodes === 1 ? "" : "s"}, ${r.Ties} tie${r.Ties === 1 ? "" : "s"} and ${r.Entries} journal entr${r.Entries === 1 ? "y" : "ies"}.`;
  return lost === 0 ? `${got} No part of the damaged data was found unreadable.` : `${got} ${lost} part${lost === 1 ? "" : "s"} could not be read (listed below).`;
}
