import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./errors";
import { exportUrl, previewFiles } from "./http";

afterEach(() => vi.unstubAllGlobals());

describe("previewFiles", () => {
  it("posts every file of one import as a multipart part named file", async () => {
    const fetch = vi.fn(async (_path: string, _init?: RequestInit) => new Response(JSON.stringify({ previewId: "p1", sources: ["nodes.csv", "edges.csv"] })));
    vi.stubGlobal("fetch", fetch);
    const pv = await previewFiles([new File(["id,label\n"], "nodes.csv"), new File(["source,target\n"], "edges.csv")]);
    expect(pv.previewId).toBe("p1");
    expect(fetch).toHaveBeenCalledTimes(1);
    const [path, init] = fetch.mock.calls[0]!;
    expect(path).toBe("/api/import/preview");
    expect(init?.method).toBe("POST");
    const body = init?.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect(body.getAll("file").map((f) => (f as File).name)).toEqual(["nodes.csv", "edges.csv"]);
    // the browser writes the multipart Content-Type with its boundary
    expect(new Headers(init?.headers).get("Content-Type")).toBeNull();
  });
  it("rejects with the backend's located error", async () => {
    const msg = "net.gexf: line 1, column 31: the file ends in the middle of an element";
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ code: "invalid", message: msg }), { status: 400 })));
    const err = await previewFiles([new File(["<gexf>"], "net.gexf")]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("invalid");
    expect((err as ApiError).message).toBe(msg);
  });
});

describe("exportUrl", () => {
  it("names the format in the query, relative to the page", () => {
    expect(exportUrl("gexf")).toBe("/api/export?format=gexf");
    expect(exportUrl("a b&c")).toBe("/api/export?format=a+b%26c");
  });
});
