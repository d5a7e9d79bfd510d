import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import type { Plugin } from "vite";

// The dev server (npm run dev) injects CSS as <style> elements for hot
// reload, which index.html's strict CSP forbids. Relax style-src for the dev
// server only; the built dist/ keeps the strict policy.
function devStyleCsp(): Plugin {
  return {
    name: "plexus-dev-style-csp",
    apply: "serve",
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  };
}

// The build must work offline and produce a self-contained dist/ that Go
// embeds (//go:embed all:frontend/dist). No CDN, no remote fonts.
export default defineConfig({
  plugins: [svelte(), devStyleCsp()],
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
