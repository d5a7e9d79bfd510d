// Requests to frame the whole graph (as the zoom-fit button does) once the
// mirror has the data that prompted them, e.g. after an import placed new
// nodes on rings outside the current view. MapView carries them out.
class FitRequests {
  /** bumped once per request; MapView fits when it changes */
  seq = $state(0);

  request(): void {
    this.seq++;
  }
}

export const fitRequests = new FitRequests();
