// [[wikilinks]] in rendered entries (docs/decisions/journal-links.md): a
// stored link "[[<node id>|<label when written>]]" shows the node's CURRENT
// label as a button (class "wikilink", data-node-id) that the entry card
// turns into "open on the map"; a node not known (deleted) shows the label
// written with it as plain text. Before Markdown runs, each link outside
// code is swapped for a private-use placeholder; after sanitising, the
// placeholders in text nodes become DOM nodes built with DOM calls, so no
// label is ever parsed as HTML.

const ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const LINK = new RegExp(`(!?)\\[\\[\\s*(${ID})\\s*(?:\\|([^\\[\\]\\n]*))?\\]\\]`, "g");
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export interface StoredLink {
  id: string;
  text: string;
}

/** linkIds lists the node ids of the stored links of md (outside code), once each. */
export function linkIds(md: string): string[] {
  const out: string[] = [];
  for (const l of protect(md).links) if (!out.includes(l.id)) out.push(l.id);
  return out;
}

/** protect replaces the stored links outside fenced code and code spans with placeholders. */
export function protect(md: string): { md: string; links: StoredLink[] } {
  const links: StoredLink[] = [];
  if (!md.includes("[[")) return { md, links };
  const lines = md.split("\n");
  let fence = "";
  const out = lines.map((line) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== "") {
      if (f && f[1]!.startsWith(fence)) fence = "";
      return line;
    }
    if (f) {
      fence = f[1]!;
      return line;
    }
    // split on code spans (same-length backtick runs), replace outside them
    return line.replace(/(`+)[\s\S]*?\1|([^`]+|`+)/g, (part, _tick, plain?: string) =>
      plain === undefined
        ? part
        : plain.replace(LINK, (whole, bang: string, id: string, text?: string) => {
            if (bang) return whole;
            links.push({ id, text: (text ?? "").trim() });
            return `${OPEN}${links.length - 1}${CLOSE}`;
          }),
    );
  });
  return { md: out.join("\n"), links };
}

/** restoreLinks turns the placeholders in root's text into buttons (labels: id → current label) or plain text. */
export function restoreLinks(root: HTMLElement, links: readonly StoredLink[], labels: ReadonlyMap<string, string>): number {
  if (links.length === 0) return 0;
  const doc = root.ownerDocument;
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.nodeValue ?? "").includes(OPEN)) texts.push(n as Text);
  let made = 0;
  for (const t of texts) {
    const s = t.nodeValue ?? "";
    const inLink = t.parentElement?.closest("a") != null;
    const frag = doc.createDocumentFragment();
    let last = 0;
    PLACEHOLDER.lastIndex = 0;
    for (let m = PLACEHOLDER.exec(s); m; m = PLACEHOLDER.exec(s)) {
      const l = links[Number(m[1])];
      frag.append(doc.createTextNode(s.slice(last, m.index)));
      last = m.index + m[0].length;
      if (!l) continue;
      const current = labels.get(l.id);
      if (current === undefined || inLink) {
        frag.append(doc.createTextNode(current ?? l.text));
        continue;
      }
      const b = doc.createElement("button");
      b.type = "button";
      b.className = "wikilink";
      b.dataset.nodeId = l.id;
      b.title = "Open on the map";
      b.textContent = current;
      frag.append(b);
      made++;
    }
    frag.append(doc.createTextNode(s.slice(last)));
    t.replaceWith(frag);
  }
  return made;
}
