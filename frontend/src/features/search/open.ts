// Opening a full-text hit where it lives: a node on the map (the shell shows
// the Map and selects it: app/sharedSelection), an entry in the
// Journal's editor (features/journal/compose: the shell shows the Journal).
import type { SearchHit } from "../../api/search";
import { compose } from "../journal/compose.svelte";
import { sharedSelection } from "../../app/sharedSelection.svelte";

/** openHit opens h; onnode, when given, opens a node instead of the shared request (the palette and the map do it themselves). */
export function openHit(h: Pick<SearchHit, "kind" | "id">, onnode?: (id: string) => void): void {
  if (h.kind === "entry") compose.openEntry(h.id);
  else if (onnode) onnode(h.id);
  else sharedSelection.request([h.id]);
}
