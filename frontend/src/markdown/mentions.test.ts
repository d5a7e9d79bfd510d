// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { externalHref, openExternal } from "./external";
import { linkMentions, mentionPattern } from "./mentions";
import { renderMarkdown } from "./render";
import { applyMention } from "../features/journal/nodes";

function rendered(md: string, mentions: { id: string; label: string }[]): HTMLElement {
  const d = document.createElement("div");
  d.innerHTML = renderMarkdown(md);
  linkMentions(d, mentions);
  return d;
}
const buttons = (d: HTMLElement) => [...d.querySelectorAll<HTMLButtonElement>("button.mention")].map((b) => [b.dataset.nodeId, b.textContent]);

describe("linkMentions", () => {
  const ada = { id: "n1", label: "Ada Lovelace" };
  const adam = { id: "n2", label: "Adam" };

  it("turns the linked nodes' @mentions into buttons, longest label first", () => {
    const d = rendered("Coffee with @Ada Lovelace and @Adam, then (@adam) again.", [ada, adam]);
    expect(buttons(d)).toEqual([
      ["n1", "@Ada Lovelace"],
      ["n2", "@Adam"],
      ["n2", "@adam"],
    ]);
    expect(d.textContent?.trim()).toBe("Coffee with @Ada Lovelace and @Adam, then (@adam) again.");
  });

  it("finds a mention of a label with markup in it as the picker writes it (escaped), and it stays text", () => {
    const evil = { id: "n3", label: "<script>alert(1)</script> Vec<T>" };
    const d = rendered(`See ${applyMention("@<s", { start: 0, query: "<s" }, evil.label).text}here`, [evil]);
    expect(buttons(d)).toEqual([["n3", "@<script>alert(1)</script> Vec<T>"]]);
    expect(d.querySelector("script")).toBeNull();
  });

  it("leaves alone what is not a mention of a linked node", () => {
    const d = rendered("mail ada@Adam.org, @Adamson, `@Adam`, [@Adam](https://x.test) and @Bob", [adam]);
    expect(buttons(d)).toEqual([]);
  });

  it("builds the buttons from text, so a label cannot carry markup", () => {
    const evil = { id: "x", label: '<img src=x onerror="alert(1)">' };
    const d = rendered('Met @&lt;img src=x onerror="alert(1)"&gt; today', [evil]);
    expect(d.querySelector("img")).toBeNull();
    expect(buttons(d)).toEqual([["x", `@${evil.label}`]]);
  });

  it("has no pattern without labels", () => {
    expect(mentionPattern([])).toBeNull();
    expect(mentionPattern(["  "])).toBeNull();
    expect(linkMentions(document.createElement("div"), [])).toBe(0);
  });
});

describe("openExternal", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("opens only absolute http(s) and mailto links", () => {
    expect(externalHref("https://example.org/a")).toBe("https://example.org/a");
    expect(externalHref("mailto:ada@example.org")).toBe("mailto:ada@example.org");
    for (const h of ["#top", "notes/a.md", "javascript:alert(1)", "file:///etc/passwd", null]) expect(externalHref(h), String(h)).toBeNull();
  });

  it("asks the Wails runtime in the real window", () => {
    const open = vi.fn();
    vi.stubGlobal("runtime", { BrowserOpenURL: open });
    vi.stubGlobal("webkit", { messageHandlers: { external: { postMessage: () => {} } } });
    const tab = vi.spyOn(window, "open").mockReturnValue(null);
    expect(openExternal("https://example.org/x")).toBe(true);
    expect(open).toHaveBeenCalledWith("https://example.org/x");
    expect(tab).not.toHaveBeenCalled();
    tab.mockRestore();
  });

  it("opens a new tab without an opener in a browser, and nothing for other links", () => {
    const open = vi.fn();
    vi.stubGlobal("runtime", { BrowserOpenURL: open }); // the dev build's runtime would open a window on the Go side
    const tab = vi.spyOn(window, "open").mockReturnValue(null);
    expect(openExternal("https://example.org/x")).toBe(true);
    expect(tab).toHaveBeenCalledWith("https://example.org/x", "_blank", "noopener,noreferrer");
    expect(open).not.toHaveBeenCalled();
    expect(openExternal("javascript:alert(1)")).toBe(false);
    expect(tab).toHaveBeenCalledTimes(1);
    tab.mockRestore();
  });
});
