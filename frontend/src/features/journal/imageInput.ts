// The entry editor's images (docs/decisions/journal-images.md): a Svelte
// action on the body's textarea. A pasted image (clipboardData files) or
// one dropped onto it is checked (images.ts), uploaded (POST /api/images)
// and handed to insert as ![name](plexus-image:<id>); what is refused goes
// to error with the reason, and the body stays as it was. The textarea is
// an image drop zone (app/dropZones.ts): the window's import handler leaves
// drops on it alone, and in the Wails window a native drop routed to it
// arrives as App.DropImages's results.

import { images, nativeFileDrop } from "../../api";
import { imageZones } from "../../app/dropZones";
import { addImages, fromDropped, type AddOutcome } from "./images";

export interface ImageInputOptions {
  /** insert puts the Markdown of the stored images at the caret. */
  insert(markdown: string): void;
  /** error shows why files were refused ("" clears it). */
  error(message: string): void;
}

const hasFiles = (dt: DataTransfer | null) => !!dt && Array.from(dt.types).includes("Files");

export function imageInput(node: HTMLTextAreaElement, options: ImageInputOptions) {
  let opts = options;
  const done = (out: AddOutcome) => {
    opts.error(out.errors.join(" "));
    if (out.markdown !== "") opts.insert(out.markdown);
  };
  const add = (files: File[]) => {
    opts.error("");
    void addImages(files, (f) => images.uploadImage(f)).then(done);
  };
  const onPaste = (e: ClipboardEvent) => {
    const cd = e.clipboardData;
    let files = Array.from(cd?.files ?? []);
    // Some webviews list a pasted screenshot only among the items.
    if (files.length === 0 && cd?.items)
      files = Array.from(cd.items)
        .filter((i) => i.kind === "file")
        .map((i) => i.getAsFile())
        .filter((f): f is File => f !== null);
    if (files.length === 0) return; // text: the textarea pastes it
    e.preventDefault();
    add(files);
  };
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e.dataTransfer)) return;
    // Images for this entry, never an import (the window's import handler
    // leaves drops on an image zone alone).
    e.preventDefault();
    // In the Wails window Go has the paths and the page routes its
    // files:dropped event here (DropImages); the drop goes on to the
    // runtime's own window listener, which hands Windows' paths to Go.
    if (nativeFileDrop()) return;
    e.stopPropagation();
    add(Array.from(e.dataTransfer?.files ?? []));
  };
  node.addEventListener("paste", onPaste);
  node.addEventListener("dragover", onDragOver);
  node.addEventListener("drop", onDrop);
  const off = imageZones.register(node, (results) => done(fromDropped(results)));
  return {
    update(o: ImageInputOptions) {
      opts = o;
    },
    destroy() {
      off();
      node.removeEventListener("paste", onPaste);
      node.removeEventListener("dragover", onDragOver);
      node.removeEventListener("drop", onDrop);
    },
  };
}
