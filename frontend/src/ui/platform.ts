// Which keyboard the user has, for shortcut hints and Ctrl+Y.

/** isMac: Apple keyboards (⌘ instead of Ctrl in the hints), from a platform string such as navigator.platform. */
export function isMac(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

interface NavigatorUAData {
  platform?: string;
}

/** onMac: an Apple platform (⌘ shortcuts; Ctrl+Y is not redo). */
export function onMac(): boolean {
  if (typeof navigator === "undefined") return false;
  const uad = (navigator as Navigator & { userAgentData?: NavigatorUAData }).userAgentData;
  return isMac(uad?.platform ?? navigator.platform ?? "");
}
