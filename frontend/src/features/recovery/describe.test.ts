import { describe, expect, it } from "vitest";
import { backupLine, headline, problemLine, salvageSummary, size, when } from "./describe";

const now = Date.parse("2026-12-02T12:00:00Z");

describe("recovery words", () => {
  it("names why the store did not open", () => {
    expect(headline({ recovering: true, dataDir: "/d", code: "damaged", backups: [], latest: "", locked: false })).toMatch(/damage/);
    expect(headline({ recovering: true, dataDir: "/d", code: "internal", backups: [], latest: "", locked: false })).toBe("Plexus could not open your data");
    expect(headline({ recovering: true, dataDir: "/d", code: "locked", backups: [], latest: "", locked: true })).toBe("Your Plexus data is locked");
    expect(headline({ recovering: true, dataDir: "/d", code: "unsupported", backups: [], latest: "", locked: false })).toMatch(/newer Plexus/);
    expect(headline({ recovering: true, dataDir: "/d", code: "disk_full", backups: [], latest: "", locked: false })).toMatch(/disk .* is full/);
    expect(headline({ recovering: true, dataDir: "/d", code: "read_only", backups: [], latest: "", locked: false })).toMatch(/cannot write/);
  });
  it("says each problem with its file", () => {
    expect(problemLine({ file: "MANIFEST", reason: "missing" })).toBe("MANIFEST: missing");
    expect(problemLine({ file: "", reason: "every database file is gone" })).toBe("every database file is gone");
  });
  it("sizes and ages backups", () => {
    expect(size(512)).toBe("512 B");
    expect(size(1536)).toBe("1.5 KB");
    expect(size(3 * 1024 * 1024)).toBe("3.0 MB");
    expect(when("2026-12-02T11:59:40Z", now)).toBe("just now");
    expect(when("2026-12-02T11:00:00Z", now)).toBe("1 hour ago");
    expect(when("2026-12-02T09:00:00Z", now)).toBe("3 hours ago");
    expect(when("2026-11-25T12:00:00Z", now)).toBe("7 days ago");
    expect(when("garbage", now)).toBe("at an unknown time");
    const b = { path: "/d/backups/daily-x.json", name: "daily-x.json", kind: "daily", at: "2026-12-02T10:00:00Z", size: 2048, nodes: 208, ties: 0, entries: 1 };
    expect(backupLine(b, now)).toBe("daily backup, 2 hours ago, 2.0 KB, 208 nodes, 1 entry");
    expect(backupLine({ ...b, kind: "other", nodes: -1 }, now)).toBe("daily-x.json, 2 hours ago, 2.0 KB");
  });
  it("sums up a salvage", () => {
    expect(salvageSummary({ Nodes: 1, Ties: 0, Entries: 1, Unreadable: null })).toBe(
      "It holds 1 node, 0 ties and 1 journal entry. No part of the damaged data was found unreadable.",
    );
    expect(salvageSummary({ Nodes: 3, Ties: 2, Entries: 0, Unreadable: [{ file: "000002.sst", reason: "left out" }] })).toMatch(
      /1 part could not be read/,
    );
  });
});
