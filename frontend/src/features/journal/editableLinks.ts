// The entry editor shows stored wikilinks readable (pure;
// docs/decisions/journal-editor-links.md). The backend keeps a link as
// "[[<node id>|<label when written>]]" (backend/pln/bodylinks.go); the
// textarea shows it as "[[Label]]" — the node's current label, else the
// label written — and a save maps each shown link back to the stored form
// it came from, so an unchanged text round-trips byte for byte and no id is
// lost. A link the user edits to another label has no stored form: it goes
// to the backend as the label link "[[Other]]", which the backend resolves
// (one node of that label) or leaves as written.
//
// Links are found as the backend finds them: "[[inner]]" with no "[", "]"
// or line break inside, not after "!" (an embed), outside code (fenced and
// indented blocks, code spans) — codeMask is a port of pln's codeMask.

/** a canonical node id (pln.CheckID: lower-case 8-4-4-4-12 hex) */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LINK = /\[\[([^[\]\n]+)\]\]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * codeMask returns text with every UTF-16 unit inside code replaced by a
 * space, line breaks kept (offsets in the mask are offsets in text): fenced
 * blocks (``` or ~~~), indented blocks (a tab or four spaces after a blank
 * line or another such line) and code spans (a backtick run up to the next
 * run of the same length). Same rules as backend/pln codeMask.
 */
export function codeMask(text: string): string {
  if (!/`|~~~|(?:^|\n)(?:\t| {4})/.test(text)) return text; // no code can be there (the common case, cheap)
  const b = text.split("");
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (b[i] !== "\n") b[i] = " ";
  };
  let fence = "";
  let prevBlank = true;
  let prevCode = false;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const isBlank = line.trim() === "";
    const f = fence === "" ? FENCE.exec(line) : null;
    if (fence !== "") {
      blank(start, end);
      const t = line.replace(/^ +/, "");
      const cut = fence[0] + " \t\r";
      if (t.startsWith(fence) && [...t].every((c) => cut.includes(c))) fence = "";
      prevCode = false;
    } else if (f) {
      fence = f[1]!;
      blank(start, end);
      prevCode = false;
    } else if (!isBlank && (line.startsWith("\t") || line.startsWith("    ")) && (prevBlank || prevCode)) {
      blank(start, end);
      prevCode = true;
    } else if (!isBlank) {
      prevCode = false;
    }
    prevBlank = isBlank;
    start = end + 1;
  }
  const s = b.join("");
  const run = (at: number) => {
    let n = 0;
    while (s[at + n] === "`") n++;
    return n;
  };
  for (let i = 0; i < s.length; ) {
    if (s[i] !== "`") {
      i++;
      continue;
    }
    const n = run(i);
    let closeAt = -1;
    for (let j = i + n; j < s.length; ) {
      if (s[j] !== "`") {
        j++;
        continue;
      }
      const m = run(j);
      if (m === n) {
        closeAt = j;
        break;
      }
      j += m;
    }
    if (closeAt < 0) {
      i += n; // literal backticks
      continue;
    }
    blank(i, closeAt + n);
    i = closeAt + n;
  }
  return b.join("");
}

/** BodyLink is one [[link]] of a text: [start, end) of the whole "[[…]]", its inner text as written, and the node id when its target is one. */
export interface BodyLink {
  start: number;
  end: number;
  inner: string;
  id: string;
  /** the text after "|", trimmed ("" without one) */
  text: string;
}

/** bodyLinks returns the [[links]] of text outside code, in order (pln.Wikilinks). */
export function bodyLinks(text: string): BodyLink[] {
  if (!text.includes("[[")) return [];
  const mask = codeMask(text);
  const out: BodyLink[] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(mask); m; m = LINK.exec(mask)) {
    const start = m.index;
    if (start > 0 && mask[start - 1] === "!") continue;
    const end = start + m[0].length;
    const inner = text.slice(start + 2, end - 2);
    const bar = inner.indexOf("|");
    const target = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const linkText = bar < 0 ? "" : inner.slice(bar + 1).trim();
    if (target === "") continue;
    out.push({ start, end, inner, id: ID.test(target) ? target : "", text: linkText });
  }
  return out;
}

/**
 * shownLabel is how a label is written inside "[[…]]" in the textarea:
 * "[" "]" as "(" ")" and control characters as spaces (pln.WikilinkLabel),
 * backticks as "'" (so a label never opens a code span), trimmed.
 */
export function shownLabel(label: string): string {
  // eslint-disable-next-line no-control-regex
  return label.replace(/\[/g, "(").replace(/\]/g, ")").replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").replace(/`/g, "'").trim();
}

/**
 * LinkSources maps the inner text of a shown link ("Label" of "[[Label]]")
 * to the stored forms of the links shown that way, in text order; null
 * stands for a link that was written that way (a label link).
 */
export type LinkSources = ReadonlyMap<string, readonly (string | null)[]>;

export interface Editable {
  /** what the textarea shows */
  text: string;
  sources: LinkSources;
}

/**
 * toEditable shows each stored link "[[id|…]]" of a body (outside code) as
 * "[[Label]]": label(id) (the node's current label; undefined when the
 * node is not known) or else the label written, through shownLabel. A
 * stored link with no label to show stays as it is.
 */
export function toEditable(stored: string, label: (id: string) => string | undefined): Editable {
  const sources = new Map<string, (string | null)[]>();
  const add = (key: string, src: string | null) => {
    const l = sources.get(key);
    if (l) l.push(src);
    else sources.set(key, [src]);
  };
  let text = "";
  let last = 0;
  for (const l of bodyLinks(stored)) {
    if (l.id === "") {
      add(l.inner, null);
      continue;
    }
    const shown = shownLabel(label(l.id) ?? l.text);
    if (shown === "") continue;
    add(shown, stored.slice(l.start, l.end));
    text += stored.slice(last, l.start) + `[[${shown}]]`;
    last = l.end;
  }
  return { text: last === 0 ? stored : text + stored.slice(last), sources };
}

const idOf = (src: string | null): string | null => (src === null ? null : (/^\[\[\s*([0-9a-f-]{36})/.exec(src)?.[1] ?? null));

/**
 * toStored maps the shown links of text back to their stored forms: the
 * k-th link shown as "[[K]]" takes the k-th stored form of K when the
 * counts agree (an unchanged text comes back byte for byte); when they do
 * not (a link was copied or removed), all take the stored form when K
 * stands for one node only, else the k-th as far as there are. A link with
 * no stored form (typed, or edited to another label) stays as written.
 */
export function toStored(text: string, sources: LinkSources): string {
  if (sources.size === 0) return text;
  const links = bodyLinks(text);
  const count = new Map<string, number>();
  for (const l of links) count.set(l.inner, (count.get(l.inner) ?? 0) + 1);
  const seen = new Map<string, number>();
  let out = "";
  let last = 0;
  for (const l of links) {
    const list = sources.get(l.inner);
    if (!list) continue;
    const k = seen.get(l.inner) ?? 0;
    seen.set(l.inner, k + 1);
    let src: string | null = null;
    if (count.get(l.inner) === list.length) src = list[k] ?? null;
    else {
      const ids = new Set(list.map(idOf));
      src = ids.size === 1 && !ids.has(null) ? list[0]! : (list[k] ?? null);
    }
    if (src === null) continue;
    out += text.slice(last, l.start) + src;
    last = l.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * withLink records that the link "[[shown]]" just put into text at offset
 * at stands for the node id: its stored form "[[id|shown]]" goes in at the
 * place of that link among those shown the same way. Returns new sources.
 */
export function withLink(sources: LinkSources, text: string, at: number, shown: string, id: string): LinkSources {
  const ordinal = bodyLinks(text).filter((l) => l.inner === shown && l.start < at).length;
  const list = [...(sources.get(shown) ?? [])];
  list.splice(Math.min(ordinal, list.length), 0, `[[${id}|${shown}]]`);
  const next = new Map(sources);
  next.set(shown, list);
  return next;
}

/** mergeSources adds (replacing by key) the sources of b to those of a: after a save, the links the backend resolved stay tied to their nodes. */
export function mergeSources(a: LinkSources, b: LinkSources): LinkSources {
  if (b.size === 0) return a;
  const next = new Map(a);
  for (const [k, v] of b) next.set(k, v);
  return next;
}
