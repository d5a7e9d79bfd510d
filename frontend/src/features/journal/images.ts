// Images in journal entries (docs/decisions/journal-images.md): what the
// editor checks before it uploads a pasted or dropped file, the Markdown it
// inserts, and where. The backend is the judge (magic bytes, pixel limits);
// this only spares an upload that cannot succeed and says why at once.

import { LIMITS } from "../../api/contract.gen";
import type { DroppedImage } from "../../api/images";

/** The image types Plexus keeps (by the file's declared type; the backend reads the magic bytes). */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

/** The shape of a File this module reads. */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

function mib(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

/**
 * imageFileError says why a file cannot be added as an image, or null when
 * it may be uploaded: over LIMITS.imageBytes (5 MiB), empty, or a type other
 * than PNG, JPEG, GIF and WebP (SVG is refused: it can carry script). A
 * file without a declared type is left to the backend.
 */
export function imageFileError(f: FileLike): string | null {
  const name = f.name || "The file";
  const type = f.type.toLowerCase();
  if (type === "image/svg+xml") return `${name} is an SVG image; Plexus keeps PNG, JPEG, GIF and WebP images (SVG can carry script).`;
  if (type !== "" && !(IMAGE_TYPES as readonly string[]).includes(type))
    return `${name} is not an image Plexus keeps (${type}); PNG, JPEG, GIF and WebP images can be added.`;
  if (f.size === 0) return `${name} is empty.`;
  if (f.size > LIMITS.imageBytes) return `${name} is ${mib(f.size)}; images up to ${mib(LIMITS.imageBytes).replace(".0", "")} can be added.`;
  return null;
}

/** altText turns a file name into an image's alt text: no extension, no characters that would end the Markdown. */
export function altText(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, "");
  const cleaned = base.replace(/[[\]\\\r\n]+/g, " ").replace(/\s+/g, " ").trim();
  return cleaned === "" ? "image" : cleaned.slice(0, 100);
}

/** imageMarkdown is the body text that shows stored image id: ![alt](plexus-image:<id>). */
export function imageMarkdown(name: string, id: string): string {
  return `![${altText(name)}](plexus-image:${id})`;
}

/**
 * insertAt replaces text[start, end) with snippet and answers the new text
 * and the caret after the snippet. A snippet that would touch a word on
 * either side gets a space there.
 */
export function insertAt(text: string, start: number, end: number, snippet: string): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  const before = text.slice(0, s);
  const after = text.slice(e);
  const lead = before !== "" && !/\s$/.test(before) ? " " : "";
  const trail = after !== "" && !/^\s/.test(after) ? " " : "";
  const ins = lead + snippet + trail;
  return { text: before + ins + after, caret: s + lead.length + snippet.length };
}

/** The outcome of adding some files: the Markdown to insert (one image per line) and a message per file refused. */
export interface AddOutcome {
  markdown: string;
  errors: string[];
}

/**
 * addImages checks each file, uploads those that pass (upload answers the
 * stored image's id, or rejects with the backend's message) and gathers the
 * Markdown for the ones stored, in order.
 */
export async function addImages<F extends FileLike>(files: readonly F[], upload: (f: F) => Promise<{ id: string }>): Promise<AddOutcome> {
  const snippets: string[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const why = imageFileError(f);
    if (why !== null) {
      errors.push(why);
      continue;
    }
    try {
      const info = await upload(f);
      snippets.push(imageMarkdown(f.name, info.id));
    } catch (e) {
      errors.push(`${f.name || "The image"} was not added: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { markdown: snippets.join("\n"), errors };
}

/** fromDropped turns the results of a native drop (App.DropImages) into an AddOutcome. */
export function fromDropped(results: readonly DroppedImage[]): AddOutcome {
  const snippets: string[] = [];
  const errors: string[] = [];
  for (const r of results) {
    if (r.info) snippets.push(imageMarkdown(r.name, r.info.id));
    else errors.push(`${r.name} was not added: ${r.error?.message ?? "it could not be read."}`);
  }
  return { markdown: snippets.join("\n"), errors };
}
