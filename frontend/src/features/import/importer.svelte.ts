// Imports from drops: files (HTML5 upload in a browser; native in the Wails
// window) and dragged links. Shows progress, the result and errors (their
// message names the line). An import is one step of the history: the
// toolbar's Undo (Ctrl+Z) takes it back like any other.
import {
  importFile,
  imports as api,
  nativeFileDrop,
  onImportFinished,
  onImportProgress,
  toApiError,
  type ImportProgress,
  type ImportResult,
} from "../../api";
import { onMac } from "../../app/platform";
import { toasts } from "../../app/toasts.svelte";
import { undoKeys } from "../history/state";
import { travel } from "../history/travel.svelte";
import { fitRequests } from "../network/fit.svelte";
import { network } from "../network/store.svelte";
import { DropGuard, NOT_WEB_LINK, classifyDrop, fileKey, importErrorMessage, importMessage, linkKey } from "./drop";

class Importer {
  progress = $state<ImportProgress | null>(null);
  dragActive = $state(false);
  busy = $state(false);
  private readonly guard = new DropGuard(2000);
  private readonly shownImports = new DropGuard(60_000);

  /** showResult toasts a finished import once (by import id). */
  showResult(r: ImportResult): void {
    if (r.nodes > 0) {
      // New nodes sit on rings outside the others: frame them once they are in the mirror.
      void network.reload().then(() => fitRequests.request());
    } else {
      network.soon();
    }
    if (r.importId && !this.shownImports.claim(r.importId, Date.now())) return;
    if (r.nodes === 0 && r.ties === 0) {
      toasts.push("info", `Nothing new in ${r.source}${r.skipped > 0 ? `: all ${r.skipped} already in your network` : ""}.`);
      return;
    }
    toasts.push("success", `${importMessage(r)}. Undo (${undoKeys(onMac())}) takes it back.`);
  }

  showError(err: unknown, what: string): void {
    const e = toApiError(err);
    toasts.push("error", importErrorMessage(what, e.message));
  }

  async importFiles(files: File[]): Promise<void> {
    for (const f of files) {
      if (!this.guard.claim(fileKey(f), Date.now())) continue;
      this.busy = true;
      try {
        this.showResult(await importFile(f, f.name));
      } catch (e) {
        this.showError(e, f.name);
      } finally {
        this.busy = false;
        this.progress = null;
      }
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
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      this.dragActive = false;
      if (!e.dataTransfer) return;
      if (travel.past) {
        // The map shows the past, read-only: nothing is added to it.
        if (this.guard.claim("past", Date.now())) toasts.push("info", "You are looking at the past: go back to now to import.");
        return;
      }
      const action = classifyDrop(e.dataTransfer, nativeFileDrop());
      if (action.kind === "files") void this.importFiles(action.files);
      else if (action.kind === "link") void this.importLink(action.url, action.title);
      else if (action.reason === "not-web" && this.guard.claim("not-web", Date.now())) toasts.push("error", NOT_WEB_LINK);
    };
    window.addEventListener("dragenter", onDragEnter);
    window.addEventListener("dragleave", onDragLeave);
    window.addEventListener("dragover", onDragOver);
    window.addEventListener("drop", onDrop);
    const offProgress = onImportProgress((p) => {
      this.progress = p;
    });
    const offFinished = onImportFinished((f) => {
      this.progress = null;
      if (f.result) this.showResult(f.result);
      else if (f.error) this.showError(f.error, "the dropped file");
    });
    return () => {
      window.removeEventListener("dragenter", onDragEnter);
      window.removeEventListener("dragleave", onDragLeave);
      window.removeEventListener("dragover", onDragOver);
      window.removeEventListener("drop", onDrop);
      offProgress();
      offFinished();
    };
  }
}

export const importer = new Importer();
