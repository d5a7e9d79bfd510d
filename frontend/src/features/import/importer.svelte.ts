// Imports: files (dropped, or chosen with the toolbar's Import…) and dragged
// links. Every file import goes through a preview: the page sends all files
// of one drop or choice together (POST /api/import/preview; in the Wails
// window a native drop arrives as the event import:preview), the preview
// dialog (ImportPreview.svelte) shows what would change and asks what it
// must (kind, merges, leaving out unreadable items), and ApplyImport writes
// it as one step of the history: Undo (Ctrl+Z) takes it back like any
// other. Links are imported directly, as before. Files dropped onto an image
// drop zone (the entry editor's text; app/dropZones.ts) are images for the
// entry, not an import: the HTML5 handler leaves them alone, and a native
// drop (files:dropped) is routed by its point.
import {
  images as imageApi,
  imports as api,
  nativeFileDrop,
  onFilesDropped,
  onImportFinished,
  onImportPreview,
  onImportProgress,
  previewFiles,
  toApiError,
  type ImportChoices,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
} from "../../api";
import { dropTarget, imageZones, routeNativeDrop } from "../../app/dropZones";
import { onMac } from "../../ui/platform";
import { toasts } from "../../ui/toasts.svelte";
import { undoKeys } from "../history/state";
import { travel } from "../history/travel.svelte";
import { fitRequests } from "../../mirror/fit.svelte";
import { network } from "../../mirror/store.svelte";
import { DropGuard, NOT_WEB_LINK, ProgressGate, classifyDrop, fileKey, importErrorMessage, importMessage, linkKey } from "./drop";

/** PAST_IMPORT is said when files or links come in while the map shows the past. */
export const PAST_IMPORT = "You are looking at the past: go back to now to import.";

class Importer {
  progress = $state<ImportProgress | null>(null);
  dragActive = $state(false);
  busy = $state(false);
  /** the preview the dialog shows; null when none is open */
  preview = $state<ImportPreview | null>(null);
  private readonly guard = new DropGuard(2000);
  private readonly shownImports = new DropGuard(60_000);
  private readonly gate = new ProgressGate();

  /** showResult toasts a finished import once (by import id) and frames the new nodes. */
  showResult(r: ImportResult): void {
    if (r.nodes > 0) {
      // New nodes sit on rings outside the others: frame them once they are in the mirror.
      void network.reload().then(() => fitRequests.request());
    } else {
      network.soon();
    }
    this.gate.finish(r.importId);
    this.progress = null;
    if (r.importId && !this.shownImports.claim(r.importId, Date.now())) return;
    if (r.nodes === 0 && r.ties === 0 && (r.entries ?? 0) === 0 && (r.updated ?? 0) === 0) {
      toasts.push("info", `Nothing new in ${r.source}${r.skipped > 0 ? `: all ${r.skipped} already in your network` : ""}.`);
      return;
    }
    toasts.push("success", `${importMessage(r)}. Undo (${undoKeys(onMac())}) takes it back.`);
  }

  showError(err: unknown, what: string): void {
    const e = toApiError(err);
    toasts.push("error", importErrorMessage(what, e.message));
  }

  /** open shows a preview in the dialog (one at a time: a preview still open is discarded). */
  open(p: ImportPreview): void {
    if (travel.past) {
      toasts.push("info", PAST_IMPORT);
      void this.forget(p.previewId);
      return;
    }
    const old = this.preview;
    if (old && old.previewId !== p.previewId) void this.forget(old.previewId);
    this.preview = p;
  }

  /** discard closes the dialog without importing: the backend forgets the preview. */
  discard(): void {
    const p = this.preview;
    this.preview = null;
    if (p) void this.forget(p.previewId);
  }

  private async forget(previewId: string): Promise<void> {
    try {
      await api.DiscardPreview(previewId);
    } catch {
      // It expires by itself; nothing the user must hear about.
    }
  }

  /** apply imports the open preview with the user's choices; rejects (dialog stays open) with the backend's error. */
  async apply(choices: ImportChoices): Promise<ImportResult> {
    let r: ImportResult;
    try {
      r = await api.ApplyImport(choices);
    } finally {
      // ApplyImport reports progress (import:progress) but no import:finished: it answers itself.
      this.progress = null;
    }
    if (this.preview?.previewId === choices.previewId) this.preview = null;
    this.showResult(r);
    return r;
  }

  /** previewFiles sends the files of one drop or choice together and opens the dialog on their preview. */
  /**
   * refusesDrop says (once per 2 s, as a toast) why a drop cannot be an
   * import now and returns true: the map shows the past (read-only), or
   * another import's dialog is open (one import at a time).
   */
  private refusesDrop(): boolean {
    if (travel.past) {
      if (this.guard.claim("past", Date.now())) toasts.push("info", PAST_IMPORT);
      return true;
    }
    if (this.preview) {
      if (this.guard.claim("open", Date.now())) toasts.push("info", "Finish or cancel the import that is open first.");
      return true;
    }
    return false;
  }

  async previewFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    if (!this.guard.claim(files.map(fileKey).join("|"), Date.now())) return;
    if (travel.past) {
      toasts.push("info", PAST_IMPORT);
      return;
    }
    this.busy = true;
    try {
      this.open(await previewFiles(files));
    } catch (e) {
      this.showError(e, files.length === 1 ? files[0]!.name : "");
    } finally {
      this.busy = false;
    }
  }

  async importLink(url: string, title: string): Promise<void> {
    if (!this.guard.claim(linkKey(url), Date.now())) return;
    this.busy = true;
    try {
      this.showResult(await api.ImportLink(url, title));
    } catch (e) {
      this.showError(e, url);
    } finally {
      this.busy = false;
    }
  }

  async cancel(): Promise<void> {
    const p = this.progress;
    if (!p) return;
    try {
      await api.CancelImport(p.importId);
    } catch (e) {
      toasts.error(e, "Cancel failed");
    }
  }

  /** install listens for drops on the whole window and for import events; returns the cleanup. */
  install(): () => void {
    let depth = 0;
    const carriesSomething = (e: DragEvent) => {
      const types = Array.from(e.dataTransfer?.types ?? []);
      return types.includes("Files") || types.includes("text/uri-list") || types.includes("text/plain") || types.includes("text/x-moz-url");
    };
    const onDragEnter = (e: DragEvent) => {
      if (!carriesSomething(e)) return;
      depth++;
      this.dragActive = true;
    };
    const onDragLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.dragActive = false;
    };
    // Always prevent the default on dragover and drop: otherwise WebKitGTK
    // navigates to the dropped file:// and the app reloads (wails #3563, #3686).
    const onDragOver = (e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      // Over the entry editor the drop is images, not an import: no overlay.
      if (depth > 0) this.dragActive = dropTarget(e.target as Element | null) === "import";
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      this.dragActive = false;
      if (!e.dataTransfer) return;
      // Onto an image drop zone: the zone's own handler takes it.
      if (dropTarget(e.target as Element | null) === "images") return;
      if (this.refusesDrop()) return;
      const action = classifyDrop(e.dataTransfer, nativeFileDrop());
      if (action.kind === "files") void this.previewFiles(action.files);
      else if (action.kind === "link") void this.importLink(action.url, action.title);
      else if (action.reason === "not-web" && this.guard.claim("not-web", Date.now())) toasts.push("error", NOT_WEB_LINK);
    };
    window.addEventListener("dragenter", onDragEnter);
    window.addEventListener("dragleave", onDragLeave);
    window.addEventListener("dragover", onDragOver);
    window.addEventListener("drop", onDrop);
    const offProgress = onImportProgress((p) => {
      if (this.gate.accept(p)) this.progress = p;
    });
    const offFinished = onImportFinished((f) => {
      this.progress = null;
      if (f.result) this.showResult(f.result);
      else if (f.error) this.showError(f.error, "the dropped file");
    });
    // A native drop in the Wails window: Go holds the paths; the point says
    // whether they are images for the editor under it or an import.
    const offDropped = onFilesDropped((d) => {
      void routeNativeDrop(imageZones, d, {
        elementAt: (x, y) => document.elementFromPoint(x, y),
        dropImages: (id) => imageApi.DropImages(id),
        dropImport: async (id) => {
          if (!this.refusesDrop()) await imageApi.DropImport(id);
        },
      }).catch((e: unknown) => this.showError(toApiError(e), "the dropped files"));
    });
    // Go read the files of a native drop routed to an import; show their preview.
    const offPreview = onImportPreview((f) => {
      if (f.preview) this.open(f.preview);
      else if (f.error) this.showError(f.error, "the dropped files");
    });
    return () => {
      window.removeEventListener("dragenter", onDragEnter);
      window.removeEventListener("dragleave", onDragLeave);
      window.removeEventListener("dragover", onDragOver);
      window.removeEventListener("drop", onDrop);
      offProgress();
      offFinished();
      offPreview();
      offDropped();
    };
  }
}

export const importer = new Importer();
