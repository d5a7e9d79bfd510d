// Which keyboard the user has, for shortcut hints and Ctrl+Y.
import { isMac } from "../features/history/state";

interface NavigatorUAData {
  platform?: string;
}

/** onMac: an Apple platform (⌘ shortcuts; Ctrl+Y is not redo). */
export function onMac(): boolean {
  if (typeof navigator === "undefined") return false;
  const uad = (navigator as Navigator & { userAgentData?: NavigatorUAData }).userAgentData;
  return isMac(uad?.platform ?? navigator.platform ?? "");
}
