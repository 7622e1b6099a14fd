/**
 * Writes the settings tables of docs/operations.md from the declarations in
 * app/config.server.ts: `npm run docs:settings` after adding or changing a
 * setting. tests/unit/config.test.ts fails while the doc is out of date.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { settings, type SettingName } from "~/config.server";

export const OPERATIONS_DOC = fileURLToPath(new URL("../docs/operations.md", import.meta.url));

const TABLES = ["general", "rate limits"] as const;
type Table = (typeof TABLES)[number];

const begin = (table: Table) => `<!-- settings: ${table} (written by npm run docs:settings from app/config.server.ts) -->`;
const end = (table: Table) => `<!-- /settings: ${table} -->`;

/** One table of the doc, in markdown. */
export function settingsTable(table: Table): string {
  const rows = (Object.keys(settings) as SettingName[])
    .filter((name) => (("table" in settings[name] && settings[name].table) || "general") === table)
    .map((name) => {
      const setting = settings[name];
      const shownDefault = "default" in setting ? `\`${setting.default}\`` : setting.whenUnset;
      return `| \`${name}\` | ${shownDefault} | ${setting.doc} |`;
    });
  const heading = table === "rate limits" ? "| variable | default | counts |" : "| variable | default | meaning |";
  return [heading, "|---|---|---|", ...rows].join("\n");
}

/** The doc with every settings table written anew between its markers. */
export function withSettingsTables(doc: string): string {
  let text = doc;
  for (const table of TABLES) {
    const from = text.indexOf(begin(table));
    const to = text.indexOf(end(table));
    if (from < 0 || to < from)
      throw new Error(`docs/operations.md has lost its markers for the ${table} table: ${begin(table)} … ${end(table)}`);
    text = `${text.slice(0, from)}${begin(table)}\n${settingsTable(table)}\n${text.slice(to)}`;
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = fs.readFileSync(OPERATIONS_DOC, "utf8");
  const after = withSettingsTables(before);
  fs.writeFileSync(OPERATIONS_DOC, after);
  console.log(
    after === before ? "docs/operations.md: the settings tables were up to date." : "docs/operations.md: settings tables written.",
  );
}
