// Journal images (docs/decisions/journal-images.md): uploaded over HTTP
// (POST /api/images, the file as the body), shown from GET /api/images/<id>,
// referenced in a body as ![alt](plexus-image:<id>). A native file drop in
// the Wails window is routed by the page (app/dropZones.ts) and resolved by
// App.DropImages / App.DropImport.
import { invoke } from "./bridge";
import { request } from "./http";

/** ImageInfo describes a stored image (backend pln.ImageInfo): id is 32 lowercase hex, size in bytes, width and height in pixels. */
export interface ImageInfo {
  id: string;
  mime: string;
  width: number;
  height: number;
  size: number;
}

/**
 * uploadImage stores one image file (PNG, JPEG, GIF or WebP, up to 5 MiB,
 * 16384 px a side, 50 megapixels) and answers its description; the same
 * bytes again answer the same id. Rejects with an ApiError: too_large,
 * unsupported (SVG and every other format), invalid (empty).
 */
export async function uploadImage(file: Blob): Promise<ImageInfo> {
  return (await request("/api/images", { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } })) as ImageInfo;
}

/** DroppedImage is one file of a native drop that App.DropImages read: info when kept, else error (the backend's message). */
export interface DroppedImage {
  name: string;
  info?: ImageInfo;
  error?: { code: string; message: string };
}

/** DropImages stores the files of native drop dropId as images (App.DropImages): one result per file, in drop order. */
export const DropImages = (dropId: string) => invoke<DroppedImage[]>("main", "App", "DropImages", dropId);
/** DropImport previews the files of native drop dropId as one import (App.DropImport; the preview arrives as import:preview). */
export const DropImport = (dropId: string) => invoke<void>("main", "App", "DropImport", dropId);
