// Possible duplicates by address (pure): what the node panel asks the
// backend (NetworkService.PossibleDuplicates, backend/service/duplicates.go,
// which matches as the importer does) and how it says what it found. A
// duplicate label is pointed out at once from the network mirror
// (search/labels.ts labelKey); emails and web or feed addresses are not in
// the mirror, so they are asked for after a pause in typing.

import type { DuplicateMatch, DuplicateQuery } from "../../api";
import { splitList } from "./fields";

/** The panel's fields that duplicates are looked for by. */
export interface AddressFields {
  label: string;
  emails: string;
  url: string;
  feedUrl: string;
}

/** duplicateQuery is what to ask for node id's typed fields; null when there is no email or address to match (the label alone is matched in the mirror). */
export function duplicateQuery(f: AddressFields, exceptId: string): DuplicateQuery | null {
  const emails = splitList(f.emails);
  const url = f.url.trim();
  const feedUrl = f.feedUrl.trim();
  if (emails.length === 0 && url === "" && feedUrl === "") return null;
  return { exceptId, label: f.label, emails, url, feedUrl };
}

/** queryKey is equal for two queries that ask the same. */
export function queryKey(q: DuplicateQuery | null): string {
  return q === null ? "" : JSON.stringify([q.exceptId ?? "", q.label, q.emails ?? [], q.url ?? "", q.feedUrl ?? ""]);
}

/** An existing node that shares an address, and which, as the panel says it. */
export interface AddressMatch {
  id: string;
  label: string;
  /** e.g. "the email ada@example.org", "the web address https://…", joined with " and " */
  why: string;
}

const WORD: Record<string, string> = { email: "the email", url: "the web address", feed: "the feed address" };

/** addressMatches keeps the matches that share an address (not only the label), saying which. */
export function addressMatches(ms: readonly DuplicateMatch[] | null | undefined): AddressMatch[] {
  const out: AddressMatch[] = [];
  for (const m of ms ?? []) {
    const whys: string[] = [];
    for (const r of m.reasons ?? []) {
      const [kind, ...rest] = r.split(" ");
      const word = kind === undefined ? undefined : WORD[kind];
      if (word && rest.length > 0) whys.push(`${word} ${rest.join(" ")}`);
    }
    if (whys.length > 0) out.push({ id: m.id, label: m.label, why: whys.join(" and ") });
  }
  return out;
}
