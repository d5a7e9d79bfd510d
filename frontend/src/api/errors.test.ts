import { describe, expect, it } from "vitest";
import { ApiError, call, fromHttp, toApiError } from "./errors";

describe("toApiError", () => {
  it("parses the Wails v2.13 rejection: new Error(jsonString)", () => {
    const e = toApiError(new Error('{"code":"invalid","message":"The label is empty; give the node a name."}'));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("invalid");
    expect(e.message).toBe("The label is empty; give the node a name.");
  });

  it("parses a JSON string that was encoded twice", () => {
    const inner = JSON.stringify({ code: "not_found", message: "No node 1." });
    const e = toApiError(new Error(JSON.stringify(inner)));
    expect(e.code).toBe("not_found");
    expect(e.message).toBe("No node 1.");
  });

  it("accepts a plain rejected string", () => {
    const e = toApiError("Call to service.NetworkService.Ego timed out. Request ID: x");
    expect(e.code).toBe("internal");
    expect(e.message).toContain("timed out");
  });

  it("accepts a JSON rejected string", () => {
    const e = toApiError('{"code":"too_large","message":"Too big."}');
    expect(e.code).toBe("too_large");
  });

  it("keeps a non-JSON Error message", () => {
    const e = toApiError(new Error("boom {not json"));
    expect(e.code).toBe("internal");
    expect(e.message).toBe("boom {not json");
  });

  it("maps unknown codes to internal but keeps the message", () => {
    const e = toApiError(new Error('{"code":"weird","message":"Odd."}'));
    expect(e.code).toBe("internal");
    expect(e.message).toBe("Odd.");
  });

  it("knows every Go code (ERROR_CODES come from backend/pln)", () => {
    for (const code of ["damaged", "locked", "disk_full", "read_only"]) {
      const e = toApiError(new Error(JSON.stringify({ code, message: "The disk holding /d is full (3 MB free)." })));
      expect(e.code).toBe(code);
    }
  });

  it("accepts an already-decoded object", () => {
    const e = toApiError({ code: "conflict", message: "Already open." });
    expect(e.code).toBe("conflict");
    expect(e.message).toBe("Already open.");
  });

  it("handles fetch failures", () => {
    const e = toApiError(new TypeError("Failed to fetch"));
    expect(e.code).toBe("internal");
    expect(e.message).toMatch(/Could not reach/);
  });

  it("handles nothing at all", () => {
    expect(toApiError(undefined).message).not.toBe("");
    expect(toApiError(null).code).toBe("internal");
    expect(toApiError(new Error("")).message).not.toBe("");
    expect(toApiError(new Error('{"code":"invalid","message":""}')).message).not.toBe("");
    expect(toApiError(42).message).toBe("42");
  });

  it("passes an ApiError through", () => {
    const a = new ApiError("invalid", "x");
    expect(toApiError(a)).toBe(a);
  });
});

describe("fromHttp", () => {
  it("uses the error object in the body", () => {
    const e = fromHttp(400, '{"code":"invalid","message":"line 3, column 7: unexpected EOF"}');
    expect(e.code).toBe("invalid");
    expect(e.message).toBe("line 3, column 7: unexpected EOF");
  });
  it("falls back to the status", () => {
    expect(fromHttp(413, "").code).toBe("too_large");
    expect(fromHttp(507, "").code).toBe("disk_full");
    expect(fromHttp(404, "404 page not found").message).toBe("404 page not found");
    expect(fromHttp(500, "<html>oops</html>").message).toBe("The backend answered HTTP 500.");
    expect(fromHttp(502, "").code).toBe("internal");
  });
});

describe("call", () => {
  it("rejects only with ApiError", async () => {
    await expect(call(() => Promise.reject(new Error('{"code":"invalid","message":"m"}')))).rejects.toMatchObject({
      code: "invalid",
      message: "m",
    });
    await expect(call(() => Promise.resolve(5))).resolves.toBe(5);
  });
});
