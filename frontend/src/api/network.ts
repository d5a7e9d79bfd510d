// NetworkService (backend/service) — typed wrappers. See docs/api.md.
import { bound, invoke } from "./bridge";
import { ApiError } from "./errors";
import type { Node, NodeFields, Position, Tie, TieFields } from "./types";

const S = ["service", "NetworkService"] as const;

export const Ego = () => invoke<Node>(...S, "Ego");
export const RenameEgo = (label: string) => invoke<Node>(...S, "RenameEgo", label);
export const GetNode = (id: string) => invoke<Node>(...S, "GetNode", id);
export const CreateNode = (f: NodeFields, x: number, y: number) => invoke<Node>(...S, "CreateNode", f, x, y);
export const UpdateNode = (id: string, f: NodeFields) => invoke<Node>(...S, "UpdateNode", id, f);
export const DeleteNode = (id: string) => invoke<void>(...S, "DeleteNode", id);
export const CreateTie = (f: TieFields) => invoke<Tie>(...S, "CreateTie", f);
export const UpdateTie = (id: string, f: TieFields) => invoke<Tie>(...S, "UpdateTie", id, f);
export const DeleteTie = (id: string) => invoke<void>(...S, "DeleteTie", id);
export const SetPositions = (ps: Position[]) => invoke<void>(...S, "SetPositions", ps);

interface FullNetwork {
  ego: string;
  nodes: Node[];
  ties: Tie[];
}

/**
 * GetTie returns the full tie (with its note) for the tie panel. The
 * contract has no GetTie yet; until the backend binds one, this reads the
 * whole network once through Network() — heavy, but it never loses a note.
 */
export async function GetTie(id: string): Promise<Tie> {
  if (bound(...S, "GetTie")) return invoke<Tie>(...S, "GetTie", id);
  const nw = await invoke<FullNetwork>(...S, "Network");
  const t = nw.ties.find((x) => x.id === id);
  if (!t) throw new ApiError("not_found", "That tie no longer exists.");
  return t;
}
