import { describe, expect, it, vi } from "vitest";
import type { Node } from "../../api";
import {
  defaultDirected,
  CONNECT_MISS,
  choiceOf,
  connectPlan,
  defaultRelationChoice,
  egoTieFields,
  customRelationLimitError,
  discardQuestion,
  leavePanel,
  leavePlan,
  nodeFormDirty,
  tieChoiceDirty,
  formToFields,
  listLimitError,
  nodeFormLimitErrors,
  nodeToForm,
  noteLimitError,
  quickNodeFields,
  rebase,
  relationOf,
  splitList,
  tieFieldsOf,
  tooLong,
} from "./forms";

const node: Node = {
  id: "a",
  label: "Ada",
  kind: "person",
  x: 1,
  y: 2,
  createdAt: "",
  updatedAt: "",
  emails: ["ada@example.org"],
  tags: ["math", "history"],
  extra: { "opml:x": "1" },
};

describe("relation picker", () => {
  it("accepts standard relations and trimmed custom text", () => {
    expect(relationOf({ choice: "learns from", custom: "" })).toEqual({ ok: true, value: "learns from" });
    expect(relationOf({ choice: "custom", custom: "  co-author  " })).toEqual({ ok: true, value: "co-author" });
  });
  it("rejects empty, over-long, multi-line and unknown relations", () => {
    expect(relationOf({ choice: "custom", custom: "  " }).ok).toBe(false);
    expect(relationOf({ choice: "custom", custom: "x".repeat(101) }).ok).toBe(false);
    expect(relationOf({ choice: "custom", custom: "a\nb" }).ok).toBe(false);
    expect(relationOf({ choice: "befriends", custom: "" }).ok).toBe(false);
  });
  it("builds tie fields and checks ends and strength", () => {
    const c = { ...defaultRelationChoice(), directed: true, strength: 5 };
    expect(tieFieldsOf("a", "b", c)).toEqual({
      ok: true,
      value: { from: "a", to: "b", relation: "knows", directed: true, strength: 5, note: "" },
    });
    expect(tieFieldsOf("a", "a", c).ok).toBe(false);
    expect(tieFieldsOf("a", "b", { ...c, strength: 0 }).ok).toBe(false);
    expect(tieFieldsOf("a", "b", { ...c, strength: 2.5 }).ok).toBe(false);
  });
  it("round-trips a custom relation", () => {
    expect(choiceOf({ relation: "co-author", directed: false, strength: 2 })).toMatchObject({ choice: "custom", custom: "co-author" });
    expect(choiceOf({ relation: "follows", directed: true, strength: 0 })).toMatchObject({ choice: "follows", strength: 3 });
  });
  it("plans ego ties when one end is the ego", () => {
    expect(connectPlan("me", "a", "me")).toEqual({ kind: "ego-tie", alter: "a" });
    expect(connectPlan("a", "me", "me")).toEqual({ kind: "ego-tie", alter: "a" });
    expect(connectPlan("a", "b", "me")).toEqual({ kind: "tie", from: "a", to: "b" });
    expect(connectPlan("a", "a", "me")).toEqual({ kind: "miss", message: "Release on another node to connect." });
    expect(connectPlan("a", null, "me")).toEqual({ kind: "miss", message: CONNECT_MISS });
    expect(connectPlan("me", "me", "me").kind).toBe("miss");
  });
  it("sets the ego tie on the alter's full fields", () => {
    const r = egoTieFields(node, { ...defaultRelationChoice(), choice: "learns from", strength: 4 });
    expect(r.ok && r.value).toMatchObject({ label: "Ada", relation: "learns from", strength: 4, tags: ["math", "history"], extra: { "opml:x": "1" } });
  });
});

describe("node form", () => {
  it("round-trips lists as text", () => {
    const f = nodeToForm(node);
    expect(f.tags).toBe("math, history");
    const r = formToFields({ ...f, tags: "a, b\n c,, ", contexts: "work" }, node.extra ?? null);
    expect(r.ok && r.value).toMatchObject({ tags: ["a", "b", "c"], contexts: ["work"], emails: ["ada@example.org"], extra: { "opml:x": "1" } });
  });
  it("keeps a stored tag with a comma in it when another field is edited (an edit of the tags text splits it)", () => {
    const stored = { ...node, tags: ["a,b", "x"], contexts: ["home, garden"] };
    const f = nodeToForm(stored);
    const r = formToFields({ ...f, description: "edited" }, null, stored);
    expect(r.ok && r.value).toMatchObject({ tags: ["a,b", "x"], contexts: ["home, garden"], description: "edited" });
    const t = formToFields({ ...f, tags: "a,b, x, y" }, null, stored);
    expect(t.ok && t.value.tags).toEqual(["a", "b", "x", "y"]);
  });
  it("rejects bad values with specific messages", () => {
    const f = nodeToForm(node);
    expect(formToFields({ ...f, label: " " }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/label is empty/) });
    expect(formToFields({ ...f, strength: 6 }, null).ok).toBe(false);
    expect(formToFields({ ...f, cadence: -1 }, null).ok).toBe(false);
    // Emptying the cadence field unsets it (it used to be refused as "not a whole number").
    const cleared = formToFields({ ...f, cadence: null as unknown as number }, null);
    expect(cleared.ok && cleared.value.cadence).toBe(0);
    expect(formToFields({ ...f, emails: "nope" }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/nope/) });
  });
  it("quick form trims and checks the label", () => {
    expect(quickNodeFields("  Bob ", "community")).toMatchObject({ ok: true, value: { label: "Bob", kind: "community" } });
    expect(quickNodeFields("", "person").ok).toBe(false);
    expect(quickNodeFields("x".repeat(201), "person").ok).toBe(false);
  });
  it("splits lists", () => {
    expect(splitList(" a ,b\n\nc ")).toEqual(["a", "b", "c"]);
  });
});

describe("length limits (no silent truncation)", () => {
  const f = nodeToForm(node);
  it("names the field and the limit, counting characters after trimming", () => {
    expect(tooLong("label", "x".repeat(200), 200)).toBeNull();
    expect(tooLong("label", `  ${"x".repeat(200)}  `, 200)).toBeNull();
    expect(tooLong("label", "x".repeat(201), 200)).toBe("The label is 201 characters; the limit is 200.");
    expect(tooLong("label", "é".repeat(200), 200)).toBeNull(); // characters, not UTF-16 units or bytes
    expect(tooLong("label", "😀".repeat(201), 200)).toMatch(/201 characters/);
  });
  it("flags each over-long field of the node form", () => {
    expect(nodeFormLimitErrors(f)).toEqual({});
    const e = nodeFormLimitErrors({
      ...f,
      label: "x".repeat(201),
      relation: "r".repeat(101),
      organisation: "o".repeat(201),
      tags: `ok, ${"t".repeat(101)}`,
      contexts: "c".repeat(101),
      url: "u".repeat(2049),
    });
    expect(e.label).toBe("The label is 201 characters; the limit is 200.");
    expect(e.relation).toBe("The relation is 101 characters; the limit is 100.");
    expect(e.organisation).toBe("The organisation is 201 characters; the limit is 200.");
    expect(e.tags).toMatch(/^The tag “t{30}…” is 101 characters; the limit for one tag is 100\.$/);
    expect(e.contexts).toMatch(/context .* 101 characters; the limit for one context is 100/);
    expect(e.url).toMatch(/web URL is 2049 characters; the limit is 2048/);
    expect(e.feedUrl).toBeUndefined();
  });
  it("limits the number of tags", () => {
    expect(listLimitError("tag", Array.from({ length: 64 }, (_, i) => `t${i}`).join(","))).toBeNull();
    expect(listLimitError("tag", Array.from({ length: 65 }, (_, i) => `t${i}`).join(","))).toBe("There are 65 tags; the limit is 64.");
  });
  it("refuses to save an over-long field instead of cutting it", () => {
    expect(formToFields({ ...f, label: "x".repeat(201) }, null)).toEqual({ ok: false, error: "The label is 201 characters; the limit is 200." });
    expect(formToFields({ ...f, relation: "r".repeat(101) }, null)).toEqual({ ok: false, error: "The relation is 101 characters; the limit is 100." });
    expect(formToFields({ ...f, tags: "t".repeat(101) }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/tag .* limit for one tag is 100/) });
    expect(formToFields({ ...f, relation: "r".repeat(100), label: "x".repeat(200) }, null).ok).toBe(true);
    expect(quickNodeFields("x".repeat(201), "person")).toEqual({ ok: false, error: "The label is 201 characters; the limit is 200." });
  });
  it("checks a custom relation and a tie note", () => {
    expect(customRelationLimitError({ choice: "custom", custom: "r".repeat(101) })).toBe("The relation is 101 characters; the limit is 100.");
    expect(customRelationLimitError({ choice: "knows", custom: "r".repeat(101) })).toBeNull();
    expect(relationOf({ choice: "custom", custom: "r".repeat(101) })).toEqual({ ok: false, error: "The relation is 101 characters; the limit is 100." });
    expect(noteLimitError("n".repeat(10000))).toBeNull();
    expect(noteLimitError("n".repeat(10001))).toBe("The note is 10001 characters; the limit is 10000.");
    expect(tieFieldsOf("a", "b", { ...defaultRelationChoice(), note: "n".repeat(10001) })).toMatchObject({ ok: false });
  });
});

describe("leaving a panel with unsaved edits", () => {
  const base = nodeToForm(node);
  it("detects edits to the node form", () => {
    expect(nodeFormDirty({ ...base }, base)).toBe(false);
    expect(nodeFormDirty({ ...base, label: "Ada L." }, base)).toBe(true);
    expect(nodeFormDirty({ ...base, tags: "math" }, base)).toBe(true);
    expect(nodeFormDirty({ ...base, strength: 4 }, base)).toBe(true);
    // a number input may hand back a string of the same number
    expect(nodeFormDirty({ ...base, cadence: "0" as unknown as number }, base)).toBe(false);
    // an unset cadence shows empty, and an emptied field (null) is still unset
    expect(base.cadence).toBe("");
    expect(nodeFormDirty({ ...base, cadence: null as unknown as number }, base)).toBe(false);
    expect(nodeFormDirty({ ...base, cadence: 7 }, base)).toBe(true);
  });
  it("detects edits to a tie, ignoring custom text that is not in use", () => {
    const t = choiceOf({ relation: "knows", directed: false, strength: 3, note: "n" });
    expect(tieChoiceDirty({ ...t }, t)).toBe(false);
    expect(tieChoiceDirty({ ...t, custom: "left over" }, t)).toBe(false);
    expect(tieChoiceDirty({ ...t, choice: "custom", custom: "co-author" }, t)).toBe(true);
    expect(tieChoiceDirty({ ...t, note: "n2" }, t)).toBe(true);
    expect(tieChoiceDirty({ ...t, directed: true }, t)).toBe(true);
    expect(tieChoiceDirty({ ...t, strength: 5 }, t)).toBe(true);
  });
  it("closes when clean, saves valid edits, asks about invalid ones", () => {
    let validated = 0;
    const valid = () => {
      validated++;
      return formToFields({ ...base, label: "Ada L." }, null);
    };
    expect(leavePlan(false, valid)).toEqual({ kind: "close" });
    expect(validated).toBe(0); // a clean panel is not validated
    expect(leavePlan(true, valid)).toMatchObject({ kind: "save", value: { label: "Ada L." } });
    expect(leavePlan(true, () => formToFields({ ...base, label: "x".repeat(201) }, null))).toEqual({
      kind: "ask",
      error: "The label is 201 characters; the limit is 200.",
    });
  });
  it("asks to discard by name, defaulting to Keep editing", () => {
    expect(discardQuestion("Ada", "The label is empty; give the node a name.")).toEqual({
      title: "Discard changes to Ada?",
      message: "Your changes could not be saved: The label is empty; give the node a name.",
      confirmLabel: "Discard",
      cancelLabel: "Keep editing",
      danger: true,
      focus: "cancel",
    });
  });
});

describe("rebase: unsaved edits over a record that changed meanwhile", () => {
  const base = nodeToForm(node);
  it("keeps the user's edits and takes everything else from the fresh record", () => {
    // Found in review: an ego tie set by Shift-drag while the panel had a typed description was
    // wiped when the panel saved on close; a rename in another window was overwritten the same way.
    const form = { ...base, description: "typed, not saved" };
    const fresh = { ...base, relation: "follows", strength: 5, label: "Ada Lovelace" };
    expect(rebase(form, base, fresh)).toEqual({ ...fresh, description: "typed, not saved" });
  });
  it("lets the user's value win where both changed the same field", () => {
    const form = { ...base, label: "Mine" };
    expect(rebase(form, base, { ...base, label: "Theirs" }).label).toBe("Mine");
  });
  it("treats number inputs holding strings like their numbers", () => {
    const form = { ...base, cadence: "0" as unknown as number, tags: "x" };
    expect(rebase(form, base, { ...base, cadence: 7 })).toEqual({ ...base, cadence: 7, tags: "x" });
  });
  it("rebases tie panel choices too", () => {
    const t = choiceOf({ relation: "knows", directed: false, strength: 3, note: "" });
    const edited = { ...t, note: "met at a meetup" };
    const fresh = choiceOf({ relation: "works with", directed: true, strength: 3, note: "" });
    expect(rebase(edited, t, fresh)).toEqual({ ...fresh, note: "met at a meetup" });
  });
});

describe("leavePanel", () => {
  const panel = (o: { dirty: boolean; valid?: boolean; writeError?: string | null }) => {
    const log: string[] = [];
    return {
      log,
      p: {
        dirty: () => o.dirty,
        validate: () => (o.valid === false ? { ok: false as const, error: "bad label" } : { ok: true as const, value: "v" }),
        write: vi.fn(async () => {
          log.push("write");
          return o.writeError ?? null;
        }),
        fail: (e: string) => log.push(`fail:${e}`),
        discard: () => log.push("discard"),
        what: "Ada",
      },
    };
  };
  it("closes a clean panel without writing or asking", async () => {
    const { p, log } = panel({ dirty: false });
    const ask = vi.fn(async () => true);
    expect(await leavePanel(p, ask)).toBe(true);
    expect(log).toEqual([]);
    expect(ask).not.toHaveBeenCalled();
  });
  it("saves valid edits and closes", async () => {
    const { p, log } = panel({ dirty: true });
    expect(await leavePanel(p, async () => false)).toBe(true);
    expect(log).toEqual(["write"]);
  });
  it("shows a refused save and asks; Keep editing keeps the panel and the edits", async () => {
    const { p, log } = panel({ dirty: true, writeError: "The label is empty." });
    const asked: string[] = [];
    expect(await leavePanel(p, async (q) => (asked.push(q.title), false))).toBe(false);
    expect(log).toEqual(["write", "fail:The label is empty."]);
    expect(asked).toEqual(["Discard changes to Ada?"]);
  });
  it("asks about invalid edits without writing; Discard drops them", async () => {
    const { p, log } = panel({ dirty: true, valid: false });
    expect(await leavePanel(p, async () => true)).toBe(true);
    expect(log).toEqual(["fail:bad label", "discard"]);
  });
});

describe("defaultDirected", () => {
  it("directs the relations that read one way, not knows or works with", () => {
    expect(defaultDirected("learns from")).toBe(true);
    expect(defaultDirected("follows")).toBe(true);
    expect(defaultDirected("knows")).toBe(false);
    expect(defaultDirected("works with")).toBe(false);
    expect(defaultDirected("custom")).toBe(false);
  });
});
