// The api layer calls bound methods by name (bridge.ts). This checks every
// name against the bindings `wails generate module` wrote to frontend/wailsjs/,
// so a renamed or removed Go method fails here, not in the app.
import { describe, expect, it } from "vitest";
import { BOUND } from "./bridge";

const generated = import.meta.glob("../../wailsjs/go/*/*.d.ts", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;

/** optional: methods the api layer calls only when bound (none at present). */
const OPTIONAL = new Set<string>([]);

describe("bound method names", () => {
  const files = Object.keys(generated);
  it.skipIf(files.length === 0)("exist in the generated bindings", () => {
    const missing: string[] = [];
    for (const [pkg, structs] of Object.entries(BOUND)) {
      for (const [struct, methods] of Object.entries(structs as Record<string, readonly string[]>)) {
        const file = files.find((f) => f.endsWith(`/go/${pkg}/${struct}.d.ts`));
        const src = file ? generated[file]! : "";
        for (const m of methods) {
          if (OPTIONAL.has(`${pkg}.${struct}.${m}`)) continue;
          if (!new RegExp(`export function ${m}\\(`).test(src)) missing.push(`${pkg}.${struct}.${m}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
