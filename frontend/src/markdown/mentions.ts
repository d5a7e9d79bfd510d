// @mentions in rendered entries: after the Markdown is rendered and
// sanitised, each "@Label" of a node the entry links becomes a button
// (class "mention", data-node-id) that the entry card turns into "open on
// the map". Built with DOM calls on text nodes only — no HTML is parsed, so
// a label cannot inject markup — and never inside links, code or buttons.

export interface Mention {
  id: string;
  label: string;
}

const SKIP = new Set(["A", "CODE", "PRE", "BUTTON", "KBD", "SCRIPT", "STYLE"]);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * mentionPattern finds "@Label" for these labels (longest first, case-insensitive):
 * the "@" at the start of the text or after a space or opening punctuation (as
 * the editor's mentionAt), and the label not running on into a letter or digit.
 */
export function mentionPattern(labels: readonly string[]): RegExp | null {
  const alts = [...new Set(labels.filter((l) => l.trim() !== ""))].sort((a, b) => b.length - a.length).map(escape);
  if (alts.length === 0) return null;
  return new RegExp(`(^|[\\s([{"'“‘])@(${alts.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
}

/** linkMentions wraps the mentions of these nodes in root's text; returns how many it made. */
export function linkMentions(root: HTMLElement, mentions: readonly Mention[]): number {
  const re = mentionPattern(mentions.map((m) => m.label));
  if (!re) return 0;
  const byLabel = new Map<string, string>();
  for (const m of mentions) if (!byLabel.has(m.label.toLocaleLowerCase())) byLabel.set(m.label.toLocaleLowerCase(), m.id);
  const doc = root.ownerDocument;
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    let skip = false;
    for (let p = n.parentElement; p && p !== root; p = p.parentElement) if (SKIP.has(p.nodeName)) skip = true;
    if (!skip && (n.nodeValue ?? "").includes("@")) texts.push(n as Text);
  }
  let made = 0;
  for (const t of texts) {
    const s = t.nodeValue ?? "";
    re.lastIndex = 0;
    const frag = doc.createDocumentFragment();
    let last = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const at = m.index + (m[1] ?? "").length;
      const label = m[2] ?? "";
      const id = byLabel.get(label.toLocaleLowerCase());
      if (id === undefined) continue;
      frag.append(doc.createTextNode(s.slice(last, at)));
      const b = doc.createElement("button");
      b.type = "button";
      b.className = "mention";
      b.dataset.nodeId = id;
      b.title = "Open on the map";
      b.textContent = `@${label}`;
      frag.append(b);
      last = at + 1 + label.length;
      made++;
    }
    if (last === 0) continue;
    frag.append(doc.createTextNode(s.slice(last)));
    t.replaceWith(frag);
  }
  return made;
}
