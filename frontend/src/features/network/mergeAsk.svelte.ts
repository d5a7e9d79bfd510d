// The right-click menu's "Merge N nodes…" for a multi-selection: the map
// asks, the selection panel (which shows the choice of the node to keep)
// answers. seq grows by one per ask.
class MergeAsk {
  seq = $state(0);

  ask(): void {
    this.seq++;
  }
}

export const mergeAsk = new MergeAsk();
