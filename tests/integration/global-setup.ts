import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The integration tests run the real build/index.js; building first (about a second) makes sure it is the current code. */
export default function setup() {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const result = spawnSync(`${root}node_modules/.bin/remix`, ["build"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`remix build failed before the integration tests:\n${result.stdout}\n${result.stderr}`);
  }
}
