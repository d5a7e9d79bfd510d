import { afterEach, describe, expect, it } from "vitest";
import { CONTEXTS } from "../api/contract.gen";
import { contextOrder, setContextOrder } from "./contextOrder";
import { categoryPalette, CATEGORY_COLORS } from "./encoding";
import { valueCounts } from "./filters";

const rows = [
  { id: "e", kind: "person", contexts: [] },
  { id: "a", kind: "person", contexts: ["home"] },
  { id: "b", kind: "person", contexts: ["conference", "work"] },
  { id: "c", kind: "person", contexts: ["gym"] },
];

describe("the legend's context order", () => {
  afterEach(() => setContextOrder(CONTEXTS));

  it("lists and colours contexts in the user's list order, then the others by name", () => {
    setContextOrder(["conference", "home", "work"]);
    const vs = valueCounts(rows as never, "e", "context");
    expect(vs.map((v) => v.value)).toEqual(["conference", "home", "work", "gym"]);
    const p = categoryPalette("context", vs);
    expect(p.get("conference")).toBe(CATEGORY_COLORS[0]);
    expect(p.get("home")).toBe(CATEGORY_COLORS[1]);
    expect(p.get("work")).toBe(CATEGORY_COLORS[2]);
    expect(p.get("gym")).toBe(CATEGORY_COLORS[3]);
  });

  it("keeps a context's colour when another comes into use", () => {
    setContextOrder(["conference", "home", "work"]);
    const only = categoryPalette("context", valueCounts([rows[0], rows[3], { id: "w", kind: "person", contexts: ["work"] }] as never, "e", "context"));
    expect(only.get("work")).toBe(CATEGORY_COLORS[2]);
  });

  it("keeps the same array for the same list", () => {
    setContextOrder(["a", "b"]);
    const first = contextOrder();
    setContextOrder(["a", "b"]);
    expect(contextOrder()).toBe(first);
  });
});
