import { describe, expect, it } from "vitest";
import type { Entry } from "../../api";
import { draftFromEntry, emptyDraft, hasBody, parseTags, sameDraft, toFields } from "./editor";

const entry: Entry = {
  id: "0190b7c2-0000-7000-8000-000000000001",
  occurredAt: "2026-11-29T09:00:42.5Z",
  body: "# Met Ada",
  nodeIds: ["n1"],
  tags: ["ml", "talks"],
  type: "interaction",
  createdAt: "2026-11-29T09:10:00Z",
  updatedAt: "2026-11-29T09:10:00Z",
};

describe("editor model", () => {
  it("parses comma separated tags", () => {
    expect(parseTags(" a, b ,,c, a ")).toEqual(["a", "b", "c"]);
    expect(parseTags("")).toEqual([]);
  });

  it("keeps the original occurredAt when the date was not touched", () => {
    const d = draftFromEntry(entry);
    const r = toFields({ ...d, body: "# Met Ada again" }, entry.occurredAt);
    expect(r).toEqual({
      ok: true,
      fields: { occurredAt: entry.occurredAt, body: "# Met Ada again", nodeIds: ["n1"], tags: ["ml", "talks"], type: "interaction" },
    });
  });

  it("sends the new date when it was changed, and refuses an invalid one", () => {
    const d = { ...draftFromEntry(entry), occurredAt: "2026-12-01T10:00" };
    const r = toFields(d, entry.occurredAt);
    expect(r.ok && r.fields.occurredAt.startsWith("2026-12-01T10:00:00")).toBe(true);
    expect(toFields({ ...d, occurredAt: "" }).ok).toBe(false);
    expect(toFields({ ...d, tags: "x".repeat(101) }).ok).toBe(false);
  });

  it("compares drafts and sees a body", () => {
    const a = emptyDraft(new Date(2026, 0, 1, 10));
    expect(hasBody(a)).toBe(false);
    expect(hasBody({ ...a, body: "  \n" })).toBe(false);
    expect(sameDraft(a, { ...a, tags: " , " })).toBe(true);
    expect(sameDraft(a, { ...a, body: "x" })).toBe(false);
    expect(sameDraft(a, { ...a, nodeIds: ["n"] })).toBe(false);
    expect(a.type).toBe("reflection");
  });
});
