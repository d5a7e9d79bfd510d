// Network actions: one gesture → one bound call. Every write is followed by
// a reload of the mirror (the "network:changed" event triggers one too; both
// coalesce). Errors are thrown as ApiError for the caller to show.
import { network as api, type Node, type NodeFields, type Position, type TieFields } from "../../api";
import { network } from "./store.svelte";

async function write<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } finally {
    network.soon();
  }
}

export const createNode = (f: NodeFields, x: number, y: number) => write(api.CreateNode(f, x, y));
export const updateNode = (id: string, f: NodeFields) => write(api.UpdateNode(id, f));
export const renameEgo = (label: string) => write(api.RenameEgo(label));
export const deleteNode = (id: string) => write(api.DeleteNode(id));
export const createTie = (f: TieFields) => write(api.CreateTie(f));
export const updateTie = (id: string, f: TieFields) => write(api.UpdateTie(id, f));
export const deleteTie = (id: string) => write(api.DeleteTie(id));
export const setPositions = (ps: Position[]) => write(api.SetPositions(ps));
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
    private readonly delayMs = 150,
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
