import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export type BuildManifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<
    string,
    { id: string; parentId?: string; path?: string; module: string; imports?: string[]; hasLoader: boolean; hasAction: boolean }
  >;
};

/** The latest build's browser manifest (public/build/manifest-*.js): each route's JavaScript and what it imports. */
export function buildManifest(): BuildManifest {
  const dir = path.join(root, "public/build");
  const file = fs
    .readdirSync(dir)
    .filter((f) => /^manifest-.*\.js$/.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]!;
  const text = fs.readFileSync(file, "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as BuildManifest;
}
