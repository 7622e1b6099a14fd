import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Where code lives. app/utils holds small helpers that import nothing of the
 * app, so any layer may use them without pulling in another; what serves
 * routes (feeds, the API's JSON, shared loaders) sits beside them in
 * app/routes as *.server.ts, and what reads the database sits in app/models.
 */

const app = fileURLToPath(new URL("../../app", import.meta.url));

/** Every module a file imports or re-exports, with whether only its types are imported. */
function importsOf(file: string): { from: string; typeOnly: boolean }[] {
  const source = fs.readFileSync(file, "utf8");
  const found: { from: string; typeOnly: boolean }[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;'"]*?\bfrom\s+["']([^"']+)["']/gm)) {
    found.push({ from: match[3]!, typeOnly: match[2] !== undefined });
  }
  for (const match of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) found.push({ from: match[1]!, typeOnly: false });
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push({ from: match[1]!, typeOnly: false });
  return found;
}

/** A helper may import packages and other helpers, and the schema's types (the one declaration of the words it labels). */
function allowedInUtils({ from, typeOnly }: { from: string; typeOnly: boolean }): boolean {
  if (!from.startsWith("~") && !from.startsWith(".")) return true;
  if (from.startsWith("./") && !from.slice(2).includes("/")) return true;
  if (from.startsWith("~/utils/")) return true;
  return typeOnly && from === "~db/schema";
}

describe("app/utils", () => {
  const files = fs.readdirSync(path.join(app, "utils"), { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));

  it("is a folder of helpers", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("imports nothing of the app: no model, auth, database, route, component or HTTP module", () => {
    const wrong = files.flatMap((file) =>
      importsOf(path.join(app, "utils", file))
        .filter((i) => !allowedInUtils(i))
        .map((i) => `app/utils/${file} imports ${i.typeOnly ? "type " : ""}${i.from}`),
    );
    expect(wrong).toEqual([]);
  });

  it("is read by this test the way it is written", () => {
    const probe = (source: string) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-layout-")), "probe.ts");
      fs.writeFileSync(file, source);
      try {
        return importsOf(file)
          .filter((i) => !allowedInUtils(i))
          .map((i) => i.from);
      } finally {
        fs.rmSync(path.dirname(file), { recursive: true });
      }
    };
    expect(
      probe(
        [
          'import { getDb } from "~db/client.server";',
          'import type { Actor } from "~/auth/permissions.server";',
          "import {\n  listThreads,\n  type ListScope,\n} from '~/models/thread-list.server';",
          'export { Field } from "~/components/Field";',
          'const lazy = () => import("~/routes/api.server");',
          'import type { Role } from "~db/schema";',
          'import { z } from "zod";',
          'import { slugify } from "./slug";',
        ].join("\n"),
      ),
    ).toEqual([
      "~db/client.server",
      "~/auth/permissions.server",
      "~/models/thread-list.server",
      "~/components/Field",
      "~/routes/api.server",
    ]);
  });
});

describe("app/routes", () => {
  it("holds the server halves routes share beside them, as *.server.ts files", () => {
    const halves = fs.readdirSync(path.join(app, "routes")).filter((f) => /\.server\.tsx?$/.test(f));
    expect(halves.sort()).toEqual(
      expect.arrayContaining([
        "api.server.ts",
        "content-pages.server.ts",
        "feeds.server.ts",
        "sitemaps.server.ts",
        "thread-lists.server.ts",
      ]),
    );
  });
});
