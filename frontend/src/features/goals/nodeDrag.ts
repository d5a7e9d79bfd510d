// What a dragged node chip carries (pure): the goals view's shelf puts it
// on the drag under NODE_DRAG_TYPE, a goal card reads it back on drop.
// Only a well-formed payload naming one canonical node id is accepted: a
// drag can come from anywhere (another app, a page, a file), so anything
// else is refused, never guessed at.

/** The dataTransfer type of a dragged node chip. */
export const NODE_DRAG_TYPE = "application/x-plexus-node";

/** The longest payload decodeNodeDrag reads (a node id and a label fit well within it). */
export const MAX_NODE_DRAG = 2048;

/** The payload: version 1, the node's id and its label (for text drop targets; never trusted for the link). */
export interface NodeDrag {
  nodeId: string;
  label: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** encodeNodeDrag: the JSON {"v":1,"nodeId":…,"label":…}. */
export function encodeNodeDrag(d: NodeDrag): string {
  return JSON.stringify({ v: 1, nodeId: d.nodeId, label: d.label });
}

/**
 * decodeNodeDrag reads a payload back: null for anything but a JSON object
 * of version 1 with a canonical (lower-case) UUID nodeId and a string
 * label (absent: ""), at most MAX_NODE_DRAG characters.
 */
export function decodeNodeDrag(s: unknown): NodeDrag | null {
  if (typeof s !== "string" || s.length === 0 || s.length > MAX_NODE_DRAG) return null;
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (o.v !== 1 || typeof o.nodeId !== "string" || !UUID.test(o.nodeId)) return null;
  if (o.label !== undefined && typeof o.label !== "string") return null;
  return { nodeId: o.nodeId, label: typeof o.label === "string" ? o.label : "" };
}

/** carriesNode: the drag offers a node chip (during dragover only the types can be read, not the data). */
export function carriesNode(types: readonly string[] | undefined | null): boolean {
  return !!types && types.includes(NODE_DRAG_TYPE);
}
