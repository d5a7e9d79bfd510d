// A node record for the form tests (nodeForm, tieForm, panelLeave); imported by tests only.
import type { Node } from "../../api";

/** ada: a person with emails, tags and an extra property, as GetNode returns one. */
export const ada: Node = {
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
