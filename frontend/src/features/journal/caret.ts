// Where the caret of a textarea is, in pixels, so that a suggestion list can
// open at it. A textarea tells only the caret's offset in its text; the
// pixel position is measured with a hidden "mirror" div that copies the
// textarea's box and text styles, holds the text before the caret and a
// marker span at the caret, and wraps as the textarea does. mirrorStyle and
// popupPosition are pure; caretPixel is the DOM part.

/** the computed styles that decide how a textarea lays out its text */
export const MIRROR_PROPS = [
  "direction",
  "box-sizing",
  "border-top-width",
  "border-right-width",
  "border-bottom-width",
  "border-left-width",
  "border-style",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "font-style",
  "font-variant",
  "font-weight",
  "font-stretch",
  "font-size",
  "font-size-adjust",
  "line-height",
  "font-family",
  "font-kerning",
  "font-feature-settings",
  "text-align",
  "text-transform",
  "text-indent",
  "text-rendering",
  "letter-spacing",
  "word-spacing",
  "tab-size",
] as const;

export interface StyleSource {
  getPropertyValue(name: string): string;
}

const px = (v: string): number => {
  const n = parseFloat(v);
  return Number.isFinite(n) ? n : 0;
};

/**
 * mirrorStyle is the style (CSS property → value) of the mirror of a
 * textarea with computed style cs and clientWidth (the width inside its
 * borders, without a scroll bar, in CSS px): the text styles copied, the
 * content box as wide as the textarea's (so lines wrap at the same place
 * with or without its scroll bar), wrapping as a textarea does (pre-wrap,
 * break-word), out of sight.
 */
export function mirrorStyle(cs: StyleSource, clientWidth: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of MIRROR_PROPS) out[p] = cs.getPropertyValue(p);
  const content = Math.max(0, clientWidth - px(cs.getPropertyValue("padding-left")) - px(cs.getPropertyValue("padding-right")));
  out["box-sizing"] = "content-box";
  out["width"] = `${content}px`;
  out["position"] = "absolute";
  out["visibility"] = "hidden";
  out["top"] = "0";
  out["left"] = "-9999px";
  out["overflow"] = "hidden";
  out["white-space"] = "pre-wrap";
  out["overflow-wrap"] = "break-word";
  out["word-wrap"] = "break-word";
  return out;
}

/** CaretPixel: the caret's line box, in CSS px from the textarea's top-left border corner, after its scrolling. */
export interface CaretPixel {
  top: number;
  left: number;
  height: number;
}

/** caretPixel measures where offset pos of the textarea's text is drawn (its line's top, left, line height). */
export function caretPixel(ta: HTMLTextAreaElement, pos: number): CaretPixel {
  const doc = ta.ownerDocument;
  const cs = doc.defaultView!.getComputedStyle(ta);
  const mirror = doc.createElement("div");
  for (const [k, v] of Object.entries(mirrorStyle(cs, ta.clientWidth))) mirror.style.setProperty(k, v);
  mirror.textContent = ta.value.slice(0, pos);
  const marker = doc.createElement("span");
  marker.textContent = "\u200b";
  mirror.append(marker, doc.createTextNode(ta.value.slice(pos) || "."));
  doc.body.append(mirror);
  try {
    const top = marker.offsetTop + px(cs.borderTopWidth) - ta.scrollTop;
    const left = marker.offsetLeft + px(cs.borderLeftWidth) - ta.scrollLeft;
    const lh = px(cs.lineHeight);
    return { top, left, height: lh > 0 ? lh : marker.offsetHeight };
  } finally {
    mirror.remove();
  }
}

export interface Size {
  width: number;
  height: number;
}

/**
 * popupPosition places a list of size list next to the caret inside a box
 * (the textarea's, same coordinates as the caret): below the caret line
 * (gap px under it) when it fits there or fits nowhere, else above it;
 * left at the caret, moved left so as not to pass the box's right edge
 * (never left of 0). The caret is first kept inside the box (a caret
 * scrolled out of sight puts the list at the nearest edge).
 */
export function popupPosition(caret: CaretPixel, box: Size, list: Size, gap = 2): { left: number; top: number } {
  const ct = Math.min(Math.max(caret.top, 0), Math.max(0, box.height - caret.height));
  const below = ct + caret.height + gap;
  const above = ct - gap - list.height;
  const top = below + list.height <= box.height || above < 0 ? below : above;
  const left = Math.max(0, Math.min(caret.left, box.width - list.width));
  return { left, top };
}
