import { describe as group, expect, it } from "vitest";
import type { BackupInfo } from "../../api";
import { counts, describe, kindLabel, localTime, restoreQuestion } from "./backups";

const now = Date.parse("2026-12-02T12:00:00Z");
const daily: BackupInfo = {
  name: "daily-20261202T100000.000Z.json",
  path: "/d/backups/daily-20261202T100000.000Z.json",
  kind: "daily",
  at: "2026-12-02T10:00:00Z",
  size: 1536,
  nodes: 208,
  ties: 1,
  entries: 3,
};

group("automatic backups in words", () => {
  it("names each kind", () => {
    expect(kindLabel("daily")).toBe("Daily");
    expect(kindLabel("pre-restore")).toBe("Before a restore");
    expect(kindLabel("pre-migration")).toBe("Before an upgrade");
    expect(kindLabel("pre-import")).toBe("Before a large import");
    expect(kindLabel("weekly")).toBe("weekly");
  });
  it("shows the time in the page's zone", () => {
    const t = new Date(2026, 2, 1, 9, 5); // local time
    expect(localTime(t.toISOString())).toBe("2026-03-01 09:05");
    expect(localTime("garbage")).toBe("");
  });
  it("says what a backup holds, its age and size", () => {
    expect(counts(daily)).toBe("208 nodes, 1 tie, 3 journal entries");
    expect(counts({ ...daily, nodes: -1, ties: -1, entries: -1 })).toBe("contents not recorded");
    expect(describe(daily, now)).toBe("2 hours ago · 1.5 KB · 208 nodes, 1 tie, 3 journal entries");
    expect(describe({ ...daily, problem: "the file ends before its records begin" }, now)).toBe(
      "2 hours ago · 1.5 KB · does not read as a backup: the file ends before its records begin",
    );
  });
  it("asks before a restore, saying it cannot be undone", () => {
    const q = restoreQuestion(daily);
    expect(q.message).toContain(`daily backup of ${localTime(daily.at)}`);
    expect(q.message).toContain("208 nodes, 1 tie, 3 journal entries");
    expect(q.message).toContain("cannot be undone");
    expect(q.detail).toContain("saved to the backups folder first");
  });
});
