import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

/**
 * A number that moves on after every write a visitor could see. The cache
 * of rendered pages (app/http/page-cache.server.ts) keeps each page under
 * the version it was rendered at and throws it away once the version has
 * moved on, so no page outlives a write that changed it.
 *
 * Writes to tables no public page shows leave it alone, so sign-ins,
 * notifications and outgoing email don't empty the cache. Every other
 * write counts, including raw SQL and schema changes: when in doubt, count.
 * The version moves after the statement ran; a page rendered from older
 * rows was started under the older version and is dropped.
 */

const PRIVATE_TABLES = new Set([
  "sessions",
  "notifications",
  "email_outbox",
  "email_preferences",
  "subscriptions",
  "api_tokens",
  "webhooks",
  "webhook_deliveries",
  "audit_log",
  "flags",
  "staff_notes",
  "rate_limits",
  "job_leases",
]);

let version = 0;

export function contentVersion(): number {
  return version;
}

function tablesIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) tablesIn(item, found);
  } else if (node && typeof node === "object") {
    const record = node as { kind?: string; table?: { identifier?: { name?: string } } };
    if (record.kind === "TableNode" && record.table?.identifier?.name) found.add(record.table.identifier.name);
    for (const value of Object.values(node)) tablesIn(value, found);
  }
  return found;
}

function touchesPublicTable(target: unknown): boolean {
  const tables = tablesIn(target, new Set());
  return tables.size === 0 || [...tables].some((table) => !PRIVATE_TABLES.has(table));
}

export function changesPublicContent(node: RootOperationNode): boolean {
  switch (node.kind) {
    case "SelectQueryNode":
      return false;
    // The table written to is what counts; tables a write only reads from (a subquery) don't change.
    case "InsertQueryNode":
    case "MergeQueryNode":
      return touchesPublicTable(node.into);
    case "UpdateQueryNode":
      return touchesPublicTable(node.table);
    case "DeleteQueryNode":
      return touchesPublicTable(node.from);
    case "RawNode": {
      const text = node.sqlFragments.join(" ");
      return !/^\s*(select|with)\b/i.test(text) || /\b(insert|update|delete|replace|create|drop|alter)\b/i.test(text);
    }
    default:
      return true;
  }
}

export class ContentVersionPlugin implements KyselyPlugin {
  readonly #writes = new WeakSet<QueryId>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (changesPublicContent(node)) this.#writes.add(queryId);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#writes.has(queryId)) version++;
    return result;
  }
}
