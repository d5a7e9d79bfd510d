import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./errors";
import { decodeResult, fetchSearch, searchQueryString } from "./search";

afterEach(() => vi.unstubAllGlobals());

describe("searchQueryString", () => {
  it("writes every filter, the lists once per value", () => {
    const s = searchQueryString("learned things", { kinds: ["entry"], from: "2026-03-01", to: "2026-03-31", nodeIds: ["n1", "n2"], goalIds: ["g1"], tags: [" go ", ""], types: ["reflection"], limit: 5 });
    const p = new URLSearchParams(s.slice(1));
    expect(p.get("q")).toBe("learned things");
    expect(p.getAll("kind")).toEqual(["entry"]);
    expect(p.get("from")).toBe("2026-03-01");
    expect(p.get("to")).toBe("2026-03-31");
    expect(p.getAll("node")).toEqual(["n1", "n2"]);
    expect(p.getAll("goal")).toEqual(["g1"]);
    expect(p.getAll("tag")).toEqual(["go"]);
    expect(p.getAll("type")).toEqual(["reflection"]);
    expect(p.get("limit")).toBe("5");
    expect(searchQueryString('"a&b"')).toBe("?q=%22a%26b%22");
  });
});

describe("decodeResult", () => {
  it("keeps well-formed hits and drops the rest", () => {
    const r = decodeResult({
      hits: [
        { kind: "entry", id: "e1", title: "2026-03-02", date: "2026-03-02T10:00:00Z", type: "reflection", field: "body", snippet: [{ text: "I " }, { text: "learned", mark: true }, { nope: 1 }], score: 1.5 },
        { kind: "node", id: "" },
        { kind: "script", id: "x" },
        null,
      ],
      total: 7,
    });
    expect(r.total).toBe(7);
    expect(r.hits).toEqual([
      { kind: "entry", id: "e1", title: "2026-03-02", date: "2026-03-02T10:00:00Z", type: "reflection", field: "body", snippet: [{ text: "I " }, { text: "learned", mark: true }], score: 1.5 },
    ]);
    expect(() => decodeResult({})).toThrow(ApiError);
  });
});

describe("fetchSearch", () => {
  it("reads GET /api/search and turns a 400 into the backend's error", async () => {
    const fetch = vi.fn(async (path: string) =>
      path.includes("bad") ? new Response(JSON.stringify({ code: "invalid", message: "The quote is never closed." }), { status: 400 }) : new Response(JSON.stringify({ hits: [], total: 0 })),
    );
    vi.stubGlobal("fetch", fetch);
    expect(await fetchSearch("ok", { goalIds: ["g"] })).toEqual({ hits: [], total: 0 });
    expect(fetch.mock.calls[0]![0]).toBe("/api/search?q=ok&goal=g");
    await expect(fetchSearch("bad")).rejects.toMatchObject({ code: "invalid", message: "The quote is never closed." });
  });
});
