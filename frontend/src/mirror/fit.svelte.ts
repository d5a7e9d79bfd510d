// Requests to frame the whole graph (as the zoom-fit button does) once the
// mirror has the data that prompted them, e.g. after an import placed new
// nodes on rings outside the current view. MapView carries them out.
class FitRequests {
  /** bumped once per request; MapView fits when it changes */
  seq = $state(0);
  /** for the latest request: fit only if none of these nodes is on screen (null: fit anyway) */
  unlessVisible: readonly string[] | null = null;

  request(): void {
    this.unlessVisible = null;
    this.seq++;
  }

  /**
   * requestUnlessVisible frames the graph when none of the records an undo or
   * redo changed is on screen (nodes, and the ends of ties), so what it did
   * can be seen; a change on screen leaves the camera alone, and one whose
   * records are all gone (an undone creation) does nothing.
   */
  requestUnlessVisible(nodeIds: readonly string[]): void {
    if (nodeIds.length === 0) return;
    this.unlessVisible = nodeIds;
    this.seq++;
  }
}

export const fitRequests = new FitRequests();
