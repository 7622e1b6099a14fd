import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { buildManifest } from "../build-manifest";

/**
 * What a page costs a visitor on a slow phone: every route's JavaScript as
 * the browser downloads it (the entry, the root route, the route and the
 * chunks they import), gzipped, read from the production build `npm run
 * test:e2e` made. Form schemas (zod, about 95 KB gzipped) stay on the
 * server, in *.server.ts.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));

const LIMIT_KB = 120;

const publicFile = (url: string) => path.join(root, "public", url);
const gzippedBytes = new Map<string, number>();
const gzipped = (url: string) => {
  if (!gzippedBytes.has(url)) gzippedBytes.set(url, gzipSync(fs.readFileSync(publicFile(url))).length);
  return gzippedBytes.get(url)!;
};

function pageWeights(): { id: string; kb: number }[] {
  const { entry, routes } = buildManifest();
  return Object.values(routes).map((route) => {
    const files = new Set([entry.module, ...(entry.imports ?? [])]);
    for (let r: typeof route | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) {
      files.add(r.module);
      for (const file of r.imports ?? []) files.add(file);
    }
    const bytes = [...files].reduce((sum, file) => sum + gzipped(file), 0);
    return { id: route.id, kb: Math.round(bytes / 102.4) / 10 };
  });
}

test.describe("the JavaScript a page ships", () => {
  test(`is at most ${LIMIT_KB} KB gzipped on every route`, () => {
    const weights = pageWeights().sort((a, b) => b.kb - a.kb);
    expect(weights.length).toBeGreaterThan(50);
    console.log(
      `heaviest pages: ${weights
        .slice(0, 3)
        .map((w) => `${w.id} ${w.kb} KB`)
        .join(", ")}`,
    );
    expect(
      weights.filter((w) => w.kb > LIMIT_KB),
      "measured on a production build (npm run build), as npm run test:e2e makes",
    ).toEqual([]);
  });

  test("carries no form schema library: zod stays on the server", () => {
    const dir = path.join(root, "public/build");
    const chunks = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    expect(chunks.length).toBeGreaterThan(10);
    const withZod = chunks.filter((f) => fs.readFileSync(path.join(dir, f), "utf8").includes("ZodError"));
    expect(withZod, "a route module imports a zod schema: import schemas from ~/utils/validation.server").toEqual([]);
  });
});
