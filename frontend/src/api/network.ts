// NetworkService (backend/service) — typed wrappers. See docs/api.md.
import { invoke } from "./bridge";
import type { DuplicateMatch, DuplicateQuery, Node, NodeFields, Position, Tie, TieFields } from "./types";

const S = ["service", "NetworkService"] as const;

export const Ego = () => invoke<Node>(...S, "Ego");
export const RenameEgo = (label: string) => invoke<Node>(...S, "RenameEgo", label);
export const GetNode = (id: string) => invoke<Node>(...S, "GetNode", id);
export const CreateNode = (f: NodeFields, x: number, y: number) => invoke<Node>(...S, "CreateNode", f, x, y);
export const UpdateNode = (id: string, f: NodeFields) => invoke<Node>(...S, "UpdateNode", id, f);
export const DeleteNode = (id: string) => invoke<void>(...S, "DeleteNode", id);
/** DeleteNodes deletes several alters, their ties and journal links as one undoable step; the ego or a missing id refuses the whole call. */
export const DeleteNodes = (ids: string[]) => invoke<void>(...S, "DeleteNodes", ids);
/** TagNodes adds and removes tags on several nodes as one undoable step; resolves to how many nodes changed (0: nothing logged). */
export const TagNodes = (ids: string[], add: string[], remove: string[]) => invoke<number>(...S, "TagNodes", ids, add, remove);
/**
 * MergeNodes merges otherIds into keepId as one undoable step and resolves to
 * the kept node: its empty fields taken from the others, tags, contexts and
 * emails unioned, ties re-pointed (self-loops dropped, twins collapsed),
 * journal links, goals and saved views moved to it (docs/decisions/merge-nodes.md).
 * Refused with nothing changed: the ego among the others or keepId among them
 * (invalid), a missing node (not_found), a merged node over a limit (too_large).
 */
export const MergeNodes = (keepId: string, otherIds: string[]) => invoke<Node>(...S, "MergeNodes", keepId, otherIds);
export const CreateTie = (f: TieFields) => invoke<Tie>(...S, "CreateTie", f);
export const UpdateTie = (id: string, f: TieFields) => invoke<Tie>(...S, "UpdateTie", id, f);
/** RetargetTie moves a tie's ends (one usually stays); one undoable step; invalid for the ego, a missing node or the same node twice, conflict for a twin. */
export const RetargetTie = (id: string, from: string, to: string) => invoke<Tie>(...S, "RetargetTie", id, from, to);
export const DeleteTie = (id: string) => invoke<void>(...S, "DeleteTie", id);
export const SetPositions = (ps: Position[]) => invoke<void>(...S, "SetPositions", ps);

/** GetTie returns the full tie (with its note) for the tie panel. */
export const GetTie = (id: string) => invoke<Tie>(...S, "GetTie", id);

/**
 * PossibleDuplicates lists existing nodes (at most 5, most reasons first)
 * that share a label (case, accents and punctuation aside), an email or a
 * web or feed address with q; q.exceptId is left out. Reads every node:
 * call it after a pause in typing. invalid for a malformed exceptId.
 */
export const PossibleDuplicates = (q: DuplicateQuery) => invoke<DuplicateMatch[]>(...S, "PossibleDuplicates", q);
