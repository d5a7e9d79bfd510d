// Opening a URL in the system browser, through the Wails runtime's
// BrowserOpenURL (runtime/browser.js: WailsInvoke("BO:" + url), which the Go
// side hands to the OS: xdg-open, open, start). Only in the real window: in
// the dev-tag build driven from a browser the same runtime call would travel
// over the dev websocket and open a window on the machine running Go, so
// there the caller opens a tab itself.

interface BrowserWindow {
  runtime?: { BrowserOpenURL?: (url: string) => void };
  chrome?: { webview?: { postMessage?: unknown } };
  webkit?: { messageHandlers?: { external?: { postMessage?: unknown } } };
}

/**
 * inNativeWindow says whether the page runs in the Wails webview itself:
 * the IPC channel Wails' own ipc.js looks for (WebView2's
 * chrome.webview.postMessage on Windows, WebKit's
 * webkit.messageHandlers.external.postMessage on macOS and Linux).
 */
export function inNativeWindow(): boolean {
  const g = globalThis as unknown as BrowserWindow;
  return typeof g.chrome?.webview?.postMessage === "function" || typeof g.webkit?.messageHandlers?.external?.postMessage === "function";
}

/** openInSystemBrowser hands url to the OS's browser; false when it cannot here (not the real window). */
export function openInSystemBrowser(url: string): boolean {
  const open = (globalThis as unknown as BrowserWindow).runtime?.BrowserOpenURL;
  if (!inNativeWindow() || typeof open !== "function") return false;
  open(url);
  return true;
}
