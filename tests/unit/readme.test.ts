import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { settings } from "~/config.server";
import { withSettingsTables } from "../../scripts/docs-settings";

// Issue 14: the README was 517 lines and the port and database settings were 200 lines below "Run it". It now
// reads in two minutes; operator, performance and API detail live in docs/.

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");

/** The text of one "## " section of a Markdown file. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return "";
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe("the README", () => {
  it("reads in about two minutes", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(120);
    expect(readme.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(1000);
  });

  it("keeps the two commands and the demo sign-in", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
    expect(readme).toContain("`cocreate-demo`");
    for (const email of ["member@example.com", "staff@example.com", "admin@example.com"]) expect(readme).toContain(email);
  });

  it("says under Run it how to change the port and the database file", () => {
    const runIt = section(readme, "Run it");
    expect(runIt).toContain("PORT=");
    expect(runIt).toContain("DATABASE_PATH=");
    expect(runIt).toContain("data/cocreate.db");
  });

  it("links every document it mentions, and each exists", () => {
    const links = [...readme.matchAll(/\]\((docs\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(expect.arrayContaining(["docs/operations.md", "docs/performance.md", "docs/api.md"]));
    for (const link of links) expect(fs.existsSync(path.join(root, link)), link).toBe(true);
  });
});

describe("docs/operations.md", () => {
  const operations = read("docs/operations.md");

  it("has the settings tables that app/config.server.ts declares (npm run docs:settings writes them)", () => {
    expect(withSettingsTables(operations)).toBe(operations);
  });

  it("lists every declared setting, and no setting that isn't declared", () => {
    const listed = [...operations.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
    expect([...listed].sort()).toEqual(Object.keys(settings).sort());
  });
});

describe("settings", () => {
  const sources = (dir: string) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(tsx?|mjs)$/.test(file))
      .map((file) => ({ file: path.join(dir, file), text: read(path.join(dir, file)) }));

  it("are read from the environment only by app/config.server.ts", () => {
    const readers = [...sources("app"), ...sources("db")]
      .filter(({ text }) => /process\.env|import\.meta\.env/.test(text))
      .map(({ file }) => file);
    expect(readers).toEqual([path.join("app", "config.server.ts")]);
  });

  it("the scripts read are declared settings or documented for their tool", () => {
    const docs =
      fs
        .readdirSync(path.join(root, "docs"))
        .map((file) => read(path.join("docs", file)))
        .join("\n") + readme;
    const names = new Set(
      sources("scripts").flatMap(({ text }) => [...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!)),
    );
    expect(names.size).toBeGreaterThan(3);
    expect([...names].filter((name) => !(name in settings) && !new RegExp(`\\b${name}\\b`).test(docs))).toEqual([]);
  });
});
