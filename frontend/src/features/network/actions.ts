// Network actions: one gesture → one bound call. After every write the mirror
// reads again only the records the call names (its "network:changed" event
// names the same ids; both coalesce into one small request). Errors are
// thrown as ApiError for the caller to show.
import { network as api, type Node, type NodeFields, type Position, type TieFields } from "../../api";
import { network } from "../../mirror/store.svelte";

type Ids = { nodeIds?: string[]; tieIds?: string[] };

/** write awaits a bound call, then refreshes the ids it touched (its result is undefined when it failed). */
async function write<T>(p: Promise<T>, ids: (result: T | undefined) => Ids): Promise<T> {
  let result: T | undefined;
  try {
    result = await p;
    return result;
  } finally {
    const c = ids(result);
    network.refresh(c.nodeIds, c.tieIds);
  }
}

const nodeOf = (n: Node | undefined): Ids => ({ nodeIds: n ? [n.id] : [] });

export const createNode = (f: NodeFields, x: number, y: number) => write(api.CreateNode(f, x, y), nodeOf);
export const updateNode = (id: string, f: NodeFields) => write(api.UpdateNode(id, f), () => ({ nodeIds: [id] }));
export const renameEgo = (label: string) => write(api.RenameEgo(label), nodeOf);
export const deleteNode = (id: string) => write(api.DeleteNode(id), () => ({ nodeIds: [id] }));
export const deleteNodes = (ids: string[]) => write(api.DeleteNodes(ids), () => ({ nodeIds: ids }));
export const tagNodes = (ids: string[], add: string[], remove: string[]) => write(api.TagNodes(ids, add, remove), () => ({ nodeIds: ids }));
/** mergeNodes merges others into keep (one step); the ties of all of them are read again (they are re-pointed, dropped or collapsed). */
export const mergeNodes = (keep: string, others: string[]) => {
  const all = [keep, ...others];
  const ties = (network.snapshot?.ties ?? []).filter((t) => all.includes(t.from) || all.includes(t.to)).map((t) => t.id);
  return write(api.MergeNodes(keep, others), () => ({ nodeIds: all, tieIds: ties }));
};
export const createTie = (f: TieFields) =>
  write(api.CreateTie(f), (t) => (t ? { tieIds: [t.id] } : { nodeIds: [f.from, f.to] }));
export const updateTie = (id: string, f: TieFields) => write(api.UpdateTie(id, f), () => ({ tieIds: [id] }));
export const retargetTie = (id: string, from: string, to: string) => write(api.RetargetTie(id, from, to), () => ({ tieIds: [id] }));
export const deleteTie = (id: string) => write(api.DeleteTie(id), () => ({ tieIds: [id] }));
export const setPositions = (ps: Position[]) => write(api.SetPositions(ps), () => ({ nodeIds: ps.map((p) => p.id) }));
export const getNode = (id: string): Promise<Node> => api.GetNode(id);

/**
 * PositionSaver batches drag ends: positions released within delayMs go out
 * in one SetPositions call (the last position of a node wins).
 */
export class PositionSaver {
  private pending = new Map<string, Position>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly save: (ps: Position[]) => Promise<void>,
    private readonly onError: (e: unknown) => void,
    private readonly delayMs = 0,
  ) {}

  add(p: Position): void {
    this.pending.set(p.id, p);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const ps = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.save(ps);
    } catch (e) {
      this.onError(e);
    }
  }
}
