// The nodes another view asks the map to select (the table's "Show on map"):
// set just before the Map is shown, taken once by MapView when it is active.
class SharedSelection {
  /** ids to select on the map, or null when nothing is asked */
  ids = $state.raw<readonly string[] | null>(null);

  /** request asks the map to select these nodes the next time it is shown. */
  request(ids: readonly string[]): void {
    this.ids = ids.length > 0 ? [...ids] : null;
  }

  /** take returns the ids asked for and clears the request (null when none). */
  take(): readonly string[] | null {
    const ids = this.ids;
    this.ids = null;
    return ids;
  }
}

export const sharedSelection = new SharedSelection();
