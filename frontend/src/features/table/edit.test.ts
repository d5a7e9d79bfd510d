import { describe, expect, it } from "vitest";
import type { Node } from "../../api";
import { editedFields, egoLabel, startValue, unchanged } from "./edit";
import type { TableRow } from "./table";

const stored: Node = {
  id: "a",
  label: "Ada",
  kind: "person",
  description: "**notes**",
  url: "https://ada.example",
  emails: ["ada@example.org"],
  organisation: "Analytical",
  tags: ["maths, logic", "go"],
  relation: "learns from",
  strength: 4,
  role: "mentor",
  contexts: ["work"],
  mode: "online",
  status: "active",
  cadence: 30,
  x: 1,
  y: 2,
  createdAt: "",
  updatedAt: "",
  extra: { twitter: "@ada" },
};

const row: TableRow = {
  id: "a",
  label: "Ada",
  kind: "person",
  x: 1,
  y: 2,
  pinned: false,
  tags: ["maths, logic", "go"],
  relation: "learns from",
  strength: 4,
  status: "active",
  role: "mentor",
  contexts: ["work"],
  mode: "online",
  ego: false,
  ties: 0,
};

describe("inline edit", () => {
  it("starts from the row's value", () => {
    expect(startValue(row, "tags")).toBe("maths, logic, go");
    expect(startValue(row, "strength")).toBe("4");
    expect(startValue(row, "label")).toBe("Ada");
    expect(unchanged(row, "label", " Ada ")).toBe(true);
    expect(unchanged(row, "strength", "3")).toBe(false);
  });

  it("changes one field and keeps every other one of the stored node", () => {
    const r = editedFields(stored, "label", "  Ada Lovelace ");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      label: "Ada Lovelace",
      kind: "person",
      description: "**notes**",
      url: "https://ada.example",
      feedUrl: "",
      emails: ["ada@example.org"],
      organisation: "Analytical",
      tags: ["maths, logic", "go"], // a tag with a comma in it is not split by an edit of another field
      relation: "learns from",
      strength: 4,
      role: "mentor",
      contexts: ["work"],
      mode: "online",
      status: "active",
      cadence: 30,
      extra: { twitter: "@ada" },
    });
  });

  it("sets strength, choices and lists", () => {
    const s = editedFields(stored, "strength", "0");
    expect(s.ok && s.value.strength).toBe(0);
    const k = editedFields(stored, "status", "");
    expect(k.ok && k.value.status).toBe("");
    const t = editedFields(stored, "tags", "go, rust ,, new");
    expect(t.ok && t.value.tags).toEqual(["go", "rust", "new"]);
  });

  it("refuses what the panel refuses, saying why", () => {
    expect(editedFields(stored, "label", "  ")).toEqual({ ok: false, error: "The label is empty; give the node a name." });
    const long = editedFields(stored, "label", "x".repeat(201));
    expect(long.ok).toBe(false);
    expect(!long.ok && long.error).toMatch(/201 characters; the limit is 200/);
    expect(editedFields(stored, "role", "boss")).toEqual({ ok: false, error: "Unknown role boss." });
    expect(egoLabel(" Me ")).toEqual({ ok: true, value: "Me" });
    expect(egoLabel("").ok).toBe(false);
  });
});
