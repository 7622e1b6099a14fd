import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseDir: string;
  }
}

/**
 * One temporary directory per test run holds every test file's database.
 * Removing it at the end also cleans up after files that crashed before
 * their own afterAll could run.
 */
export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-test-"));
  project.provide("databaseDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
