// The Journal search's filter form as SearchFilters (pure).
import type { SearchFilters } from "../../api/search";

/** What the filter fields hold: dates "YYYY-MM-DD" or "", node ids, a goal id or "", the tag field as typed, an entry type or "". */
export interface JournalFilterForm {
  from: string;
  to: string;
  nodeIds: string[];
  goalId: string;
  tag: string;
  type: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * journalFilters: entries only, and each filter that is set. The tag field
 * may hold several tags (commas or spaces between, a leading # dropped):
 * an entry must carry all of them. A date that is not YYYY-MM-DD (a date
 * field half typed) is left out rather than sent.
 */
export function journalFilters(f: JournalFilterForm): SearchFilters {
  const out: SearchFilters = { kinds: ["entry"] };
  if (DATE.test(f.from)) out.from = f.from;
  if (DATE.test(f.to)) out.to = f.to;
  if (f.nodeIds.length > 0) out.nodeIds = [...f.nodeIds];
  if (f.goalId !== "") out.goalIds = [f.goalId];
  const tags = f.tag
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, ""))
    .filter((t) => t !== "");
  if (tags.length > 0) out.tags = [...new Set(tags)];
  if (f.type !== "") out.types = [f.type];
  return out;
}
