import { describe, expect, it } from "vitest";
import {
  DropGuard,
  ProgressGate,
  NOT_WEB_LINK,
  classifyDrop,
  fileKey,
  firstUriListUrl,
  importErrorMessage,
  importMessage,
  webUrl,
  type DataTransferLike,
} from "./drop";

function dt(data: Record<string, string>, files: File[] = []): DataTransferLike {
  const types = Object.keys(data);
  if (files.length > 0) types.push("Files");
  return { types, files, getData: (f) => data[f] ?? "" };
}

const opml = () => new File(["<opml/>"], "subs.opml", { type: "text/xml" });

describe("classifyDrop", () => {
  it("uploads files in a browser", () => {
    const a = classifyDrop(dt({}, [opml()]), false);
    expect(a.kind).toBe("files");
    if (a.kind === "files") expect(a.files[0]!.name).toBe("subs.opml");
  });
  it("leaves files to the native path in the Wails window", () => {
    expect(classifyDrop(dt({ "text/uri-list": "file:///home/me/subs.opml" }, [opml()]), true)).toEqual({ kind: "none", reason: "native" });
  });
  it("takes a dragged link from text/uri-list, with the anchor text as title", () => {
    const a = classifyDrop(
      dt({ "text/uri-list": "# comment\nhttps://example.org/feed\n", "text/html": '<a href="x">Example &amp; Co</a>' }),
      true,
    );
    expect(a).toEqual({ kind: "link", url: "https://example.org/feed", title: "Example & Co" });
  });
  it("takes text/x-moz-url with its title", () => {
    expect(classifyDrop(dt({ "text/x-moz-url": "https://a.example/\nA site" }), false)).toEqual({
      kind: "link",
      url: "https://a.example/",
      title: "A site",
    });
  });
  it("takes text/plain only when it is a URL", () => {
    expect(classifyDrop(dt({ "text/plain": " http://b.example/x " }), false)).toMatchObject({ kind: "link", url: "http://b.example/x" });
    expect(classifyDrop(dt({ "text/plain": "just some words" }), false)).toEqual({ kind: "none", reason: "not-web" });
    expect(classifyDrop(dt({ "text/plain": "javascript:alert(1)" }), false)).toEqual({ kind: "none", reason: "not-web" });
  });
  it("says a dropped link that is not http(s) cannot be imported", () => {
    const notWeb = { kind: "none", reason: "not-web" };
    expect(classifyDrop(dt({ "text/uri-list": "javascript:window.__pwned=1" }), false)).toEqual(notWeb);
    expect(classifyDrop(dt({ "text/uri-list": "javascript:alert(1)", "text/plain": "javascript:alert(1)" }), true)).toEqual(notWeb);
    expect(classifyDrop(dt({ "text/x-moz-url": "ftp://x.example/\nFTP" }), false)).toEqual(notWeb);
    expect(classifyDrop(dt({ "text/uri-list": "data:text/html,<b>x</b>" }), false)).toEqual(notWeb);
    expect(classifyDrop(dt({ "text/plain": "see https://a.example and more" }), false)).toEqual(notWeb);
    expect(NOT_WEB_LINK).toBe("Only web links (http or https) can be dropped.");
  });
  it("stays quiet when a drop carries nothing, or a file the window imports natively", () => {
    expect(classifyDrop(dt({}), false)).toEqual({ kind: "none", reason: "empty" });
    expect(classifyDrop(dt({ "text/plain": "   " }), false)).toEqual({ kind: "none", reason: "empty" });
    expect(classifyDrop(dt({ "text/uri-list": "file:///home/me/subs.opml" }), true)).toEqual({ kind: "none", reason: "native" });
    expect(classifyDrop(dt({ "text/uri-list": "file:///home/me/subs.opml" }), false)).toEqual({ kind: "none", reason: "not-web" });
  });
});

describe("url helpers", () => {
  it("accepts only absolute http(s) URLs", () => {
    expect(webUrl("https://x.example")).toBe("https://x.example");
    expect(webUrl("ftp://x.example")).toBeNull();
    expect(webUrl("file:///etc/passwd")).toBeNull();
    expect(webUrl("a b")).toBeNull();
    expect(firstUriListUrl("#x\r\nfile:///a\r\nhttps://ok.example/")).toBe("https://ok.example/");
  });
});

describe("DropGuard", () => {
  it("handles one gesture once within the window", () => {
    const g = new DropGuard(2000);
    const k = fileKey({ name: "subs.opml", size: 10, lastModified: 1 });
    expect(g.claim(k, 1000)).toBe(true);
    expect(g.claim(k, 1500)).toBe(false);
    expect(g.claim("link:https://x", 1500)).toBe(true);
    expect(g.claim(k, 3100)).toBe(true);
  });
});

describe("importMessage", () => {
  it("says what was imported from where", () => {
    expect(importMessage({ source: "netnewswire_Subs.opml", format: "opml", nodes: 207, ties: 0, skipped: 0 })).toBe(
      "Imported 207 feeds from netnewswire_Subs.opml",
    );
    expect(importMessage({ source: "x.opml", format: "opml", nodes: 1, ties: 0, skipped: 3 })).toBe(
      "Imported 1 feed from x.opml (3 already in your network)",
    );
    expect(importMessage({ source: "https://e.example", format: "link", nodes: 1, ties: 0, skipped: 0 })).toBe(
      "Imported 1 link from https://e.example",
    );
  });
  it("counts journal entries and updated nodes too", () => {
    expect(importMessage({ source: "net.gexf", format: "gexf", nodes: 3, ties: 2, entries: 1, updated: 0, skipped: 0 })).toBe(
      "Imported 3 nodes, 2 ties, 1 journal entry from net.gexf",
    );
    expect(importMessage({ source: "ada.vcf", format: "vcard", nodes: 0, ties: 0, entries: 0, updated: 1, skipped: 0 })).toBe(
      "Imported from ada.vcf: updated 1 existing node",
    );
    expect(importMessage({ source: "a.vcf", format: "vcard", nodes: 2, ties: 0, entries: 3, updated: 2, skipped: 0 })).toBe(
      "Imported 2 nodes, 3 journal entries from a.vcf; updated 2 existing nodes",
    );
  });
  it("passes on the import's note", () => {
    const note = "line 19, column 1: folders are nested more than 16 deep; the feeds inside keep the names of the outer 16 as tags.";
    expect(importMessage({ source: "deep.opml", format: "opml", nodes: 2, ties: 0, skipped: 0, note })).toBe(
      "Imported 2 feeds from deep.opml. Note: line 19, column 1: folders are nested more than 16 deep; the feeds inside keep the names of the outer 16 as tags",
    );
  });
});

describe("importErrorMessage", () => {
  it("names the file once (found in review: 'bad.opml: bad.opml: line 3…')", () => {
    expect(importErrorMessage("bad.opml", "bad.opml: line 3, column 38: unexpected EOF")).toBe(
      "Could not import: bad.opml: line 3, column 38: unexpected EOF",
    );
    expect(importErrorMessage("bad.opml", "Something went wrong inside Plexus.")).toBe(
      "Could not import bad.opml: Something went wrong inside Plexus.",
    );
    expect(importErrorMessage("", "x")).toBe("Could not import: x");
  });
});

describe("ProgressGate", () => {
  it("drops the reports of an import that already answered, and only those", () => {
    const g = new ProgressGate(2);
    expect(g.accept({ importId: "a" })).toBe(true);
    g.finish("a");
    g.finish(undefined);
    expect(g.accept({ importId: "a" })).toBe(false);
    expect(g.accept({ importId: "b" })).toBe(true);
    g.finish("b");
    g.finish("c"); // keeps the last two
    expect(g.accept({ importId: "a" })).toBe(true);
    expect(g.accept({ importId: "b" })).toBe(false);
    expect(g.accept({ importId: "c" })).toBe(false);
  });
});
