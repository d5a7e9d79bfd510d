import { describe, expect, it } from "vitest";
import type { ImportPreview } from "../../api";
import {
  DEFAULT_KIND,
  addSummary,
  blocker,
  buildChoices,
  changeSummary,
  exportLabel,
  initialAnswers,
  merged,
  nodesToAdd,
  skipLabel,
  sourcesLine,
  toggleMerge,
} from "./preview";

function pv(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    previewId: "p1",
    sources: ["net.gexf"],
    format: "gexf",
    formatTitle: "GEXF 1.2/1.3",
    nodes: 3,
    ties: 2,
    entries: 0,
    updates: [],
    unchanged: 0,
    duplicates: [],
    unknownKinds: 0,
    missingEnds: [],
    skipped: 0,
    warnings: [],
    sample: ["Hello", "Word"],
    expiresAt: "2026-01-01T00:00:00Z",
    ...over,
  };
}

const dup = (key: string, existingLabel = "Ada Lovelace") => ({
  key,
  label: existingLabel,
  existingId: `n-${key}`,
  existingLabel,
  reason: "same email ada@example.org",
});

describe("buildChoices", () => {
  it("sends only the preview id when nothing is asked", () => {
    expect(buildChoices(pv(), initialAnswers())).toEqual({ previewId: "p1" });
  });
  it("sends the kind when the file leaves kinds unsaid, person by default", () => {
    expect(DEFAULT_KIND).toBe("person");
    expect(buildChoices(pv({ unknownKinds: 3 }), initialAnswers())).toEqual({ previewId: "p1", kind: "person" });
    expect(buildChoices(pv({ unknownKinds: 3 }), { ...initialAnswers(), kind: "organisation" }).kind).toBe("organisation");
    // a kind chosen for a preview that does not ask is not sent
    expect(buildChoices(pv(), { ...initialAnswers(), kind: "organisation" }).kind).toBeUndefined();
  });
  it("merges only the ticked duplicates of this preview; merge all wins", () => {
    const p = pv({ duplicates: [dup("a"), dup("b", "Grace")] });
    let a = initialAnswers();
    expect(buildChoices(p, a).merge).toBeUndefined();
    a = toggleMerge(a, "b", true);
    a = toggleMerge(a, "zzz", true); // not a key of this preview
    expect(buildChoices(p, a)).toEqual({ previewId: "p1", merge: ["b"] });
    a = toggleMerge(a, "b", false);
    expect(buildChoices(p, a).merge).toBeUndefined();
    expect(buildChoices(p, { ...a, mergeAll: true })).toEqual({ previewId: "p1", mergeAll: true });
  });
  it("sends skipUnreadable only when the preview has unreadable items and it is ticked", () => {
    expect(buildChoices(pv({ skipped: 2 }), initialAnswers()).skipUnreadable).toBeUndefined();
    expect(buildChoices(pv({ skipped: 2 }), { ...initialAnswers(), skipUnreadable: true }).skipUnreadable).toBe(true);
    expect(buildChoices(pv(), { ...initialAnswers(), skipUnreadable: true }).skipUnreadable).toBeUndefined();
  });
});

describe("blocker", () => {
  it("holds Import until the unreadable items are accepted", () => {
    const p = pv({ skipped: 1 });
    expect(blocker(p, initialAnswers())).toMatch(/1 item of the file cannot be read/);
    expect(blocker(p, { ...initialAnswers(), skipUnreadable: true })).toBeNull();
    expect(blocker(pv(), initialAnswers())).toBeNull();
  });
  it("wants a known kind when the file leaves kinds unsaid", () => {
    expect(blocker(pv({ unknownKinds: 1 }), { ...initialAnswers(), kind: "" as never })).toMatch(/kind/);
    expect(blocker(pv({ unknownKinds: 1 }), initialAnswers())).toBeNull();
  });
});

describe("summaries", () => {
  it("says what is added, minus the duplicates merged", () => {
    const p = pv({ nodes: 3, ties: 2, entries: 1, duplicates: [dup("a")] });
    expect(addSummary(p, initialAnswers())).toBe("Adds 3 nodes, 2 ties and 1 journal entry.");
    const m = toggleMerge(initialAnswers(), "a", true);
    expect(merged(m, "a")).toBe(true);
    expect(nodesToAdd(p, m)).toBe(2);
    expect(addSummary(p, m)).toBe("Adds 2 nodes, 2 ties and 1 journal entry.");
    expect(addSummary(pv({ nodes: 1, ties: 0 }), initialAnswers())).toBe("Adds 1 node.");
    expect(addSummary(pv({ nodes: 0, ties: 0 }), initialAnswers())).toBe("Adds nothing new.");
    expect(nodesToAdd(pv({ nodes: 0, duplicates: [dup("a")] }), { ...initialAnswers(), mergeAll: true })).toBe(0);
  });
  it("counts updates and merges as changes to existing nodes", () => {
    const p = pv({ updates: [{ nodeId: "n1", label: "Me", reason: "the ego", fields: ["tags"] }], unchanged: 4, duplicates: [dup("a")] });
    expect(changeSummary(p, initialAnswers())).toBe("Updates 1 existing node; 4 items are already in your network.");
    expect(changeSummary(p, { ...initialAnswers(), mergeAll: true })).toBe("Updates 2 existing nodes; 4 items are already in your network.");
    expect(changeSummary(pv(), initialAnswers())).toBe("");
  });
  it("names the files and the format", () => {
    expect(sourcesLine(pv())).toBe("net.gexf (GEXF 1.2/1.3)");
    expect(sourcesLine(pv({ sources: ["nodes.csv", "edges.csv"], formatTitle: "", format: "csv" }))).toBe("nodes.csv, edges.csv (csv)");
  });
  it("words the unreadable-items checkbox", () => {
    expect(skipLabel(1)).toBe("Import the readable items and leave out the 1 unreadable one");
    expect(skipLabel(4)).toBe("Import the readable items and leave out the 4 unreadable ones");
  });
  it("labels export formats with their extension", () => {
    expect(exportLabel({ title: "GEXF 1.3", extension: "gexf" })).toBe("GEXF 1.3 (.gexf)");
    expect(exportLabel({ title: "CSV tables", extension: ".zip" })).toBe("CSV tables (.zip)");
  });
});
