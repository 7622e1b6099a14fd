import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { accountSchema, parseForm } from "~/utils/validation.server";
import type { AccountInput } from "~/utils/validation.server";
import { recordAudit } from "./audit.server";
import { listAccounts, writeAccount } from "./account.server";
import { DomainError, ensure, Forbidden, Invalid } from "./errors.server";

/**
 * Customer accounts as CSV, for staff: export every account, import a file
 * whose rows create accounts or update the one with the row's slug. An import
 * is all or nothing: the first bad row is named by its line and nothing of
 * the file is written.
 */

export const CSV_COLUMNS = ["name", "slug", "domains", "plan", "segment", "arr", "owner", "public"] as const;
const REQUIRED = ["name", "slug"] as const;
export const CSV_MAX_BYTES = 512 * 1024;
export const CSV_MAX_ROWS = 2000;

const refuse = (actor: Actor) => ensure(can.manageAccounts(actor), Forbidden, "Only staff can manage customer accounts.");

/** Every account, one row each, the columns an import reads (domains space-separated, public yes/no). */
export async function exportAccountsCsv(actor: Actor): Promise<string> {
  refuse(actor);
  const accounts = await listAccounts(actor, { all: true });
  return stringify(
    accounts.map((a) => [
      a.name,
      a.slug,
      a.domains.join(" "),
      a.plan ?? "",
      a.segment ?? "",
      a.arr,
      a.ownerUsername ?? "",
      a.isPublic ? "yes" : "no",
    ]),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

const lineOf = (bytes: Uint8Array, end: number) => {
  let line = 1;
  for (let i = 0; i < end && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** The first line that is not UTF-8, or null. A new line byte never occurs inside a UTF-8 character, so lines decode alone. */
function firstLineNotUtf8(bytes: Uint8Array): number | null {
  const strict = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (newline === -1) return null;
    start = newline + 1;
  }
  return null;
}

const refusal = (line: number, message: string) => new Invalid("file", `Line ${line}: ${message} Nothing was imported.`);

/** Reads a CSV file into account inputs, each with its line; throws Invalid naming the first bad line. */
export function parseAccountsCsv(bytes: Uint8Array): { line: number; input: AccountInput }[] {
  if (bytes.length === 0) throw new Invalid("file", "Choose a CSV file to import.");
  if (bytes.length > CSV_MAX_BYTES) {
    throw refusal(lineOf(bytes, CSV_MAX_BYTES), `the file is larger than ${CSV_MAX_BYTES / 1024} KB; split it into smaller files.`);
  }
  const bad = firstLineNotUtf8(bytes);
  if (bad !== null) throw refusal(bad, "this is not UTF-8 text. Save the file as “CSV UTF-8” and try again.");
  let records: { line: number; fields: string[] }[];
  try {
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
    const parsed: unknown = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true });
    records = (parsed as { record: string[]; info: { lines: number } }[]).map((r) => ({ line: r.info.lines, fields: r.record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw refusal(line, "the CSV could not be read (an unclosed quote?).");
  }
  const [header, ...rows] = records;
  if (!header) throw new Invalid("file", "The file is empty.");
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) throw refusal(header.line, `missing the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
  const unknown = names.filter((n) => n !== "" && !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) throw refusal(header.line, `unknown column “${unknown[0]}”; the columns are ${CSV_COLUMNS.join(", ")}.`);
  if (rows.length > CSV_MAX_ROWS) throw refusal(rows[CSV_MAX_ROWS]!.line, `more than ${CSV_MAX_ROWS} accounts; split the file.`);
  if (rows.length === 0) throw refusal(header.line, "there are no accounts below the header.");
  const seenSlugs = new Map<string, number>();
  const seenDomains = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    const raw: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name) raw[name === "public" ? "isPublic" : name] = fields[i] ?? "";
    });
    const parsed = parseForm(accountSchema, raw);
    if (!parsed.ok) {
      const [field, message] = Object.entries(parsed.errors)[0] ?? ["", "this row is not valid."];
      throw refusal(line, `${field === "isPublic" ? "public" : field}: ${message}`);
    }
    const input = parsed.data;
    const earlier = seenSlugs.get(input.slug);
    if (earlier) throw refusal(line, `the slug “${input.slug}” is also on line ${earlier}.`);
    seenSlugs.set(input.slug, line);
    for (const domain of input.domains) {
      const first = seenDomains.get(domain);
      if (first) throw refusal(line, `the domain ${domain} is also on line ${first}.`);
      seenDomains.set(domain, line);
    }
    return { line, input };
  });
}

/**
 * Imports a CSV file in one transaction: each row creates an account, or
 * updates the account with its slug. Returns how many accounts it wrote.
 */
export async function importAccountsCsv(actor: Actor, bytes: Uint8Array): Promise<number> {
  refuse(actor);
  const rows = parseAccountsCsv(bytes);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      for (const { line, input } of rows) {
        const existing = await trx.selectFrom("accounts").select("id").where("slug", "=", input.slug).executeTakeFirst();
        try {
          await writeAccount(trx, input, existing?.id ?? null);
        } catch (error) {
          if (error instanceof DomainError) throw refusal(line, Object.values(error.fields)[0] ?? error.message);
          throw error;
        }
      }
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "account.import",
        targetType: "account",
        targetId: null,
        detail: `${rows.length} rows`,
      });
      return rows.length;
    });
}
