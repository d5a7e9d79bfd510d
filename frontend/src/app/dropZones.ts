// Where a drop of files lands decides what the files are
// (docs/decisions/journal-images.md): onto an element marked as an image
// drop zone (the entry editor's text) they are images for it; anywhere else
// (the canvas, the rest of the window) they are an import. Used twice: the
// window's HTML5 drop handler leaves drops on a zone to the zone, and a
// native drop in the Wails window (files:dropped, with its point) is routed
// with document.elementFromPoint.

/** The attribute that marks an image drop zone. */
export const IMAGE_ZONE_ATTR = "data-drop-images";

/** What a zone does with the images of a native drop: App.DropImages's results. */
export type ImageDropHandler<R> = (results: R) => void;

/** The part of an Element this module reads. */
export interface ElementLike {
  closest(selector: string): ElementLike | null;
}

/** imageZoneOf answers the image drop zone el is in (itself or an ancestor), or null. */
export function imageZoneOf<E extends ElementLike>(el: E | null | undefined): E | null {
  if (!el || typeof el.closest !== "function") return null;
  return el.closest(`[${IMAGE_ZONE_ATTR}]`) as E | null;
}

/** dropTarget says what a drop onto el is: "images" inside an image drop zone, else "import". */
export function dropTarget(el: ElementLike | null | undefined): "images" | "import" {
  return imageZoneOf(el) ? "images" : "import";
}

/**
 * DropZones keeps the handlers of the image drop zones on the page, so that
 * a native drop routed to a zone reaches the editor that owns it.
 */
export class DropZones<R> {
  private readonly handlers = new Map<ElementLike, ImageDropHandler<R>>();

  /** register makes el an image drop zone handled by handler; returns the cleanup. */
  register(el: ElementLike & { setAttribute?(n: string, v: string): void }, handler: ImageDropHandler<R>): () => void {
    el.setAttribute?.(IMAGE_ZONE_ATTR, "");
    this.handlers.set(el, handler);
    return () => {
      if (this.handlers.get(el) === handler) this.handlers.delete(el);
    };
  }

  /** handlerAt answers the handler of the zone el is in, or null (then the drop is an import). */
  handlerAt(el: ElementLike | null | undefined): ImageDropHandler<R> | null {
    const zone = imageZoneOf(el);
    return zone ? (this.handlers.get(zone) ?? null) : null;
  }
}

/** What routeNativeDrop needs from the page and the backend. */
export interface NativeDropDeps<R> {
  elementAt(x: number, y: number): ElementLike | null;
  dropImages(dropId: string): Promise<R>;
  dropImport(dropId: string): Promise<void>;
}

/**
 * routeNativeDrop decides a native drop by its point: onto a registered
 * image zone → dropImages(dropId) and the zone's handler gets the results;
 * anywhere else → dropImport(dropId). Answers which it chose.
 */
export async function routeNativeDrop<R>(
  zones: DropZones<R>,
  drop: { dropId: string; x: number; y: number },
  deps: NativeDropDeps<R>,
): Promise<"images" | "import"> {
  const handler = zones.handlerAt(deps.elementAt(drop.x, drop.y));
  if (handler) {
    handler(await deps.dropImages(drop.dropId));
    return "images";
  }
  await deps.dropImport(drop.dropId);
  return "import";
}

/** The page's image drop zones; a native drop's results are App.DropImages's (api/images.ts). */
export const imageZones = new DropZones<import("../api/images").DroppedImage[]>();
