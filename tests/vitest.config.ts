import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The config lives in tests/ so the repository's top level stays clean; paths below are from the repo root.
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: {
      "~db": `${root}db`,
      "~": `${root}app`,
    },
  },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          globalSetup: ["tests/unit/global-setup.ts"],
          setupFiles: ["tests/unit/setup.ts"],
        },
      },
      {
        // Start the built server (build/index.js) as a child process, the way it runs in production.
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          // Each file starts its own servers; one file at a time keeps timings sane on a small machine.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
