import { describe, expect, it } from "vitest";
import { addressMatches, duplicateQuery, queryKey } from "./duplicates";

const ID = "0190a0a0-0000-7000-8000-000000000001";

describe("duplicateQuery", () => {
  it("asks by emails and addresses, trimmed", () => {
    expect(duplicateQuery({ label: "Ada", emails: " a@x.org, b@y.org ,", url: " https://ada.example ", feedUrl: "" }, ID)).toEqual({
      exceptId: ID,
      label: "Ada",
      emails: ["a@x.org", "b@y.org"],
      url: "https://ada.example",
      feedUrl: "",
    });
  });
  it("asks nothing without an email or address (the label is matched in the mirror)", () => {
    expect(duplicateQuery({ label: "Ada", emails: " , ", url: " ", feedUrl: "" }, ID)).toBeNull();
  });
  it("queryKey tells queries apart", () => {
    const a = duplicateQuery({ label: "Ada", emails: "a@x.org", url: "", feedUrl: "" }, ID);
    const b = duplicateQuery({ label: "Ada", emails: "a@x.org ", url: "", feedUrl: "" }, ID);
    const c = duplicateQuery({ label: "Ada", emails: "a@x.orgs", url: "", feedUrl: "" }, ID);
    expect(queryKey(a)).toBe(queryKey(b));
    expect(queryKey(a)).not.toBe(queryKey(c));
    expect(queryKey(null)).toBe("");
  });
});

describe("addressMatches", () => {
  it("keeps matches by address and says which; a label-only match is left to the label check", () => {
    expect(
      addressMatches([
        { id: "1", label: "Ada", kind: "person", reasons: ["label", "email Ada@Example.org"] },
        { id: "2", label: "Blog", kind: "source", reasons: ["url https://ada.example/", "feed https://ada.example/feed"] },
        { id: "3", label: "Ada", kind: "person", reasons: ["label"] },
        { id: "4", label: "Odd", kind: "person", reasons: ["unknown x", "email"] },
      ]),
    ).toEqual([
      { id: "1", label: "Ada", why: "the email Ada@Example.org" },
      { id: "2", label: "Blog", why: "the web address https://ada.example/ and the feed address https://ada.example/feed" },
    ]);
  });
  it("takes a missing answer as none", () => {
    expect(addressMatches(null)).toEqual([]);
  });
});
