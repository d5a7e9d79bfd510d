// The one place that turns whatever a failed call produced into an ApiError.
//
// Wails v2.13 rejects a failed bound call with `new Error(x)` where x is what
// the Go ErrorFormatter returned: here a JSON string {"code","message"}
// (docs/api.md). Other failures reach us as plain strings ("Call to … timed
// out"), non-JSON messages, fetch TypeErrors, or HTTP error bodies. The UI
// shows `message` and branches only on `code`.

import { ERROR_CODES } from "./contract.gen";

// The codes come from backend/pln (contract.gen.ts, `make contract`).
export { ERROR_CODES };
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

const FALLBACK_MESSAGE = "Something went wrong inside Plexus.";

function isCode(v: unknown): v is ErrorCode {
  return typeof v === "string" && (ERROR_CODES as readonly string[]).includes(v);
}

/** fromShape accepts an already-decoded {code, message} object. */
function fromShape(v: unknown): ApiError | null {
  if (v === null || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  if (typeof o.code !== "string" && typeof o.message !== "string") return null;
  const message = typeof o.message === "string" && o.message.trim() !== "" ? o.message : FALLBACK_MESSAGE;
  return new ApiError(isCode(o.code) ? o.code : "internal", message);
}

/** fromText parses a JSON error string (possibly JSON-encoded twice); else it is the message. */
function fromText(text: string): ApiError {
  let cur: unknown = text.trim();
  for (let depth = 0; depth < 2 && typeof cur === "string"; depth++) {
    const s = (cur as string).trim();
    if (!(s.startsWith("{") || s.startsWith('"'))) break;
    try {
      cur = JSON.parse(s);
    } catch {
      break;
    }
  }
  const shaped = fromShape(cur);
  if (shaped) return shaped;
  const msg = typeof cur === "string" ? cur.trim() : text.trim();
  return new ApiError("internal", msg === "" ? FALLBACK_MESSAGE : msg);
}

/** toApiError normalises any rejection value into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (typeof err === "string") return fromText(err);
  if (err instanceof TypeError && /fetch|network|load failed/i.test(err.message)) {
    return new ApiError("internal", `Could not reach the Plexus backend (${err.message}).`);
  }
  if (err instanceof Error) return fromText(err.message);
  const shaped = fromShape(err);
  if (shaped) return shaped;
  if (err === undefined || err === null) return new ApiError("internal", FALLBACK_MESSAGE);
  return new ApiError("internal", String(err));
}

/** codeForStatus maps an HTTP status to an error code when the body is not an error object. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return "invalid";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 413:
      return "too_large";
    case 507:
      return "disk_full";
    case 415:
    case 501:
      return "unsupported";
    default:
      return "internal";
  }
}

/** fromHttp builds an ApiError from a failed HTTP response's status and body text. */
export function fromHttp(status: number, body: string): ApiError {
  const trimmed = body.trim();
  if (trimmed.startsWith("{")) {
    try {
      const shaped = fromShape(JSON.parse(trimmed));
      if (shaped) return shaped;
    } catch {
      // not JSON: fall through
    }
  }
  const msg = trimmed !== "" && trimmed.length < 500 && !trimmed.startsWith("<") ? trimmed : `The backend answered HTTP ${status}.`;
  return new ApiError(codeForStatus(status), msg);
}

/** call runs a promise-returning function and rejects only with ApiError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}
