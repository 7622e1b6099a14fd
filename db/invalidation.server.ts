import { randomUUID } from "node:crypto";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type TransactionSettings,
} from "kysely";
import { EVERYTHING, hear } from "./invalidation-bus.server";

/**
 * What a committed write changed, told to the page cache of every process.
 *
 * Each cached page records what it shows as tags (`thread:12`, `product:3`,
 * `lists`; app/http/page-cache.server.ts); each write records the tags it
 * changes inside its own transaction with `touches(trx, …)`. A transaction
 * that writes a table visitors could see and names no tags changed
 * "everything" (`*`): when in doubt, count. So only the writes that say so
 * are narrow, and a write nobody thought about still empties the cache.
 *
 * Nothing is told before the commit: the tags gather on the connection while
 * the transaction runs and are published as it commits, inside it (a row in
 * page_invalidations on SQLite, a NOTIFY on PostgreSQL, both of which other
 * processes see only once the transaction is committed), and this process
 * drops its own pages right after COMMIT returns. A rolled-back transaction
 * tells nobody anything. db/invalidation-feed.server.ts hears the other processes.
 */

/** Tables no public page shows: writing them changes no cached page. */
const PRIVATE_TABLES = new Set([
  "sessions",
  "notifications",
  "email_outbox",
  "email_preferences",
  "subscriptions",
  "product_subscriptions",
  "api_tokens",
  "webhooks",
  "webhook_deliveries",
  "audit_log",
  "flags",
  "staff_notes",
  "page_invalidations",
  "rate_limits",
  "job_leases",
  // A member's own state that no visitor's page shows: read positions (written by viewing a thread), drafts, account links and tokens.
  "thread_reads",
  "drafts",
  "user_tokens",
  "identity_links",
]);

/** This process, so it can skip what it told itself already. */
export const PROCESS_ORIGIN = randomUUID();

/** At most this many tags travel; past it a write counts as changing everything (NOTIFY payloads are small). */
const MAX_TAGS = 64;
const MARKER = "/* cocreate:touches */";

/**
 * Records, inside the transaction, that it changes the pages tagged so. A
 * transaction that calls this is trusted to name everything its writes
 * change (no tags: no page shows what it wrote); one that doesn't changes
 * everything.
 */
export async function touches<DB>(trx: Transaction<DB>, ...tags: string[]): Promise<void> {
  await trx.executeQuery(CompiledQuery.raw(MARKER, [tags.join(" ")]));
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

/** Whether a statement may change what a visitor sees. Raw SQL and schema changes count unless they only read. */
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
      return (
        !/^\s*(select|with|begin|commit|rollback|savepoint|release|pragma)\b/i.test(text) ||
        /\b(insert|update|delete|replace|create|drop|alter)\b/i.test(text)
      );
    }
    default:
      return true;
  }
}

/**
 * A built insert, update, delete or merge that reports no rows changed
 * nothing (a conditional update that lost its race, an upsert that did
 * nothing). Raw SQL and schema changes still count: engines report no
 * reliable row count for them.
 */
function changedNoRows(node: RootOperationNode, result: QueryResult<unknown>): boolean {
  const built = ["InsertQueryNode", "UpdateQueryNode", "DeleteQueryNode", "MergeQueryNode"].includes(node.kind);
  return built && result.numAffectedRows === 0n;
}

/** How an engine makes the tags travel with the transaction: a log row (SQLite) or a NOTIFY (PostgreSQL). */
export type Publish = (connection: DatabaseConnection, tags: string) => Promise<void>;

class Tracked implements DatabaseConnection {
  inTransaction = false;
  declared = new Set<string>();
  /** The transaction called touches(): what it declared (perhaps nothing) is all it changed. */
  named = false;
  undeclared = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly publish: Publish,
  ) {}

  /** The tags this transaction (or statement) changed, or null for none. */
  changed(): string | null {
    const tags = this.undeclared && !this.named ? [EVERYTHING] : [...this.declared];
    if (tags.length === 0) return null;
    return tags.length > MAX_TAGS ? EVERYTHING : tags.join(" ");
  }

  reset() {
    this.declared = new Set();
    this.named = false;
    this.undeclared = false;
  }

  /** Publishes inside the open transaction (or right after an autocommit statement). */
  async tell(): Promise<string | null> {
    const tags = this.changed();
    if (tags !== null) await this.publish(this.inner, tags);
    return tags;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (compiled.sql === MARKER) {
      this.named = true;
      for (const tag of String(compiled.parameters[0] ?? "").split(" ")) if (tag) this.declared.add(tag);
      if (!this.inTransaction) await this.settle();
      return { rows: [] };
    }
    const result = await this.inner.executeQuery<R>(compiled);
    if (changesPublicContent(compiled.query) && !changedNoRows(compiled.query, result)) {
      this.undeclared = true;
      if (!this.inTransaction) await this.settle();
    }
    return result;
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }

  /** An autocommit statement: it is committed already, so tell now. */
  private async settle() {
    try {
      const tags = await this.tell();
      if (tags !== null) hear(tags.split(" "));
    } finally {
      this.reset();
    }
  }
}

class TrackingDriver implements Driver {
  readonly #wrapped = new WeakMap<DatabaseConnection, Tracked>();

  constructor(
    private readonly inner: Driver,
    private readonly publish: Publish,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let tracked = this.#wrapped.get(connection);
    if (!tracked) {
      tracked = new Tracked(connection, this.publish);
      this.#wrapped.set(connection, tracked);
    }
    return tracked;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const tracked = connection as Tracked;
    await this.inner.beginTransaction(tracked.inner, settings);
    tracked.reset();
    tracked.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    const tracked = connection as Tracked;
    try {
      const tags = await tracked.tell();
      await this.inner.commitTransaction(tracked.inner);
      // Committed: now this process's own pages go, before anyone is answered.
      if (tags !== null) hear(tags.split(" "));
    } finally {
      tracked.inTransaction = false;
      tracked.reset();
    }
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const tracked = connection as Tracked;
    tracked.inTransaction = false;
    tracked.reset();
    await this.inner.rollbackTransaction(tracked.inner);
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection((connection as Tracked).inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}

/** The engine's dialect with every write's tags told at commit (see above). */
export function trackingInvalidations(dialect: Dialect, publish: Publish): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TrackingDriver(dialect.createDriver(), publish),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
