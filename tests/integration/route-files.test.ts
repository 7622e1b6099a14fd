import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { buildRoutes, root } from "./server";

/** remix.config.js keeps the server halves in app/routes (*.server.ts) from becoming routes of their own. */
test("every file in app/routes is a route of the build, except the *.server.ts halves the routes share", () => {
  const built = new Set(buildRoutes().map((r) => r.id));
  const files = fs.readdirSync(path.join(root, "app/routes")).filter((f) => /\.tsx?$/.test(f));
  const id = (file: string) => `routes/${file.replace(/\.tsx?$/, "")}`;
  const halves = files.filter((f) => /\.server\.tsx?$/.test(f));
  expect(halves.length).toBeGreaterThanOrEqual(5);
  expect(halves.filter((f) => built.has(id(f)))).toEqual([]);
  expect(files.filter((f) => !halves.includes(f) && !built.has(id(f)))).toEqual([]);
});
