import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listChangelog, parseChangelogCursor } from "~/models/changelog.server";
import { getIdeaDetails } from "~/models/idea.server";
import { countUnread } from "~/models/notification.server";
import { listNotifications, markSeenOnThreadPage } from "~/models/notification-inbox.server";
import { likesOnPage } from "~/models/reaction.server";
import { markProductRead, unreadIn } from "~/models/read-position.server";
import { listProducts } from "~/models/product.server";
import { getProfile } from "~/models/profile.server";
import { locateReply } from "~/models/reply-pages.server";
import { getRoadmap } from "~/models/roadmap.server";
import { searchThreads } from "~/models/search.server";
import { getSubscriptionLevel } from "~/models/subscription.server";
import { tagsOfThreads, withTags } from "~/models/tag.server";
import { listSorts, listThreads, parseCursor, threadListQuery } from "~/models/thread-list.server";
import { getThreadPage, listLatestThreads } from "~/models/thread.server";

/**
 * Every query the busiest pages run must walk an index. The models run
 * against a few thousand threads and replies with fresh statistics
 * (ANALYZE), every SELECT they execute is captured as SQLite sees it, and
 * its EXPLAIN QUERY PLAN may not scan a big table nor sort one in a
 * temporary B-tree. An ordered index walk that stops at a LIMIT (the latest
 * threads) is fine; the full-text index is searched through FTS5.
 */

const BIG_TABLES = new Set(["threads", "posts", "votes", "notifications", "users", "subscriptions"]);
/**
 * Sorting what one member wrote (their profile) is bounded by that member's
 * own activity, not by the size of the forum: a sort fed by an equality
 * search on these indexes is accepted.
 */
const ONE_MEMBER_INDEXES = ["posts_author", "threads_author"];
const SQL_WORDS = new Set([
  "where",
  "inner",
  "left",
  "cross",
  "join",
  "on",
  "order",
  "group",
  "limit",
  "using",
  "natural",
  "as",
  "union",
  "select",
]);

const sortColumns = { activity: "last_activity_at", newest: "created_at", votes: "vote_count", replies: "reply_count" } as const;

const THREADS = 4000;
const REPLIES_PER_THREAD = 4;
const USERS = 400;
const PRODUCTS = 4;
const DAY = 86_400_000;
const now = Date.now();

let sqlite: SQLite.Database;

/** Fills the test file's database with a forum big enough for the planner's statistics to mean something. */
function populate(db: SQLite.Database) {
  const kinds = ["discussion", "question", "idea"] as const;
  const statuses = ["open", "under_review", "planned", "in_progress", "shipped", "declined"] as const;
  db.transaction(() => {
    const user = db.prepare(
      "insert into users (id, username, display_name, email, password_hash, role, created_at, trust_level) values (?, ?, ?, ?, 'x', ?, ?, 1)",
    );
    for (let id = 1; id <= USERS; id++)
      user.run(id, `member${id}`, id % 3 ? `Member ${id}` : null, `member${id}@example.com`, id <= 3 ? "staff" : "member", now - 400 * DAY);
    const product = db.prepare("insert into products (id, slug, name, description, position, created_at) values (?, ?, ?, '', ?, ?)");
    for (let id = 1; id <= PRODUCTS; id++) product.run(id, `product-${id}`, `Product ${id}`, id, now);
    const tag = db.prepare("insert into tags (id, slug, name, created_at) values (?, ?, ?, ?)");
    for (let id = 1; id <= 10; id++) tag.run(id, `tag-${id}`, `Tag ${id}`, now);

    const thread = db.prepare(
      `insert into threads (id, product_id, author_id, kind, title, body, body_html, status, status_changed_at, pinned,
         vote_count, reply_count, last_activity_at, created_at, co_designed_at, co_designed_by, hidden_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const post = db.prepare("insert into posts (id, thread_id, author_id, body, body_html, created_at) values (?, ?, ?, ?, ?, ?)");
    const answer = db.prepare("update threads set accepted_answer_post_id = ? where id = ?");
    const vote = db.prepare("insert into votes (thread_id, user_id, created_at) values (?, ?, ?)");
    const change = db.prepare(
      "insert into status_changes (thread_id, from_status, to_status, actor_id, created_at) values (?, 'open', ?, 1, ?)",
    );
    const credit = db.prepare(
      "insert into co_designers (thread_id, user_id, contribution, credited_by, created_at) values (?, ?, 'Proposed it', 1, ?)",
    );
    const threadTag = db.prepare("insert into thread_tags (thread_id, tag_id) values (?, ?)");
    const subscription = db.prepare("insert into subscriptions (thread_id, user_id, level, created_at) values (?, ?, 'watching', ?)");
    const notification = db.prepare(
      "insert into notifications (user_id, kind, thread_id, created_at, read_at) values (?, 'reply', ?, ?, ?)",
    );
    let postId = 0;
    for (let id = 1; id <= THREADS; id++) {
      const kind = kinds[id % 3]!;
      const status = kind === "idea" ? statuses[id % statuses.length]! : null;
      const created = now - (THREADS - id) * 3_600_000;
      const author = 1 + (id % USERS);
      const votes = kind === "idea" ? id % 9 : 0;
      thread.run(
        id,
        1 + (id % PRODUCTS),
        author,
        kind,
        `Thread ${id} about invoices and exports`,
        "Body of the thread about invoices.",
        "<p>Body of the thread about invoices.</p>",
        status,
        status ? created + DAY : null,
        id % 500 === 0 ? 1 : 0,
        votes,
        REPLIES_PER_THREAD,
        created + 2 * DAY,
        created,
        status === "planned" ? created + DAY : null,
        status === "planned" ? 1 : null,
        id % 400 === 7 ? created : null,
      );
      for (let r = 0; r < REPLIES_PER_THREAD; r++) {
        postId++;
        post.run(
          postId,
          id,
          1 + ((id + r * 7) % USERS),
          `Reply ${r} about invoice totals.`,
          `<p>Reply ${r} about invoice totals.</p>`,
          created + r * 3_600_000,
        );
        subscription.run(id, 1 + ((id + r * 7) % USERS), created);
      }
      if (kind === "question" && id % 2) answer.run(postId, id);
      for (let v = 0; v < votes; v++) vote.run(id, 1 + ((id + v * 13) % USERS), created);
      if (status && status !== "open") change.run(id, status, created + DAY);
      if (status === "planned") credit.run(id, author, created + DAY);
      if (id % 3 === 0) threadTag.run(id, 1 + (id % 10));
      notification.run(author, id, created, id % 4 ? created : null);
    }
  })();
  db.exec("analyze");
}

type Captured = { sql: string; params: unknown[] };

/** Runs `call` and returns every SELECT the app executed meanwhile, exactly as prepared. */
async function capture(call: () => Promise<unknown>): Promise<Captured[]> {
  const statementPrototype = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<string, (...args: unknown[]) => unknown>;
  const seen: Captured[] = [];
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const method of ["all", "get", "iterate"]) {
    const original = statementPrototype[method]!;
    originals.set(method, original);
    statementPrototype[method] = function (this: SQLite.Statement, ...args: unknown[]) {
      if (this.reader) seen.push({ sql: this.source, params: Array.isArray(args[0]) ? args[0] : args });
      return original.apply(this, args);
    };
  }
  try {
    await call();
  } finally {
    for (const [method, original] of originals) statementPrototype[method] = original;
  }
  return seen.filter((q) => !/^\s*explain\b/i.test(q.sql));
}

/** alias (or name) → table, from the FROM and JOIN clauses of a statement. */
function tablesByAlias(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+as)?(?:\s+"?(\w+)"?)?/gi)) {
    const table = match[1]!;
    map.set(table, table);
    const alias = match[2];
    if (alias && !SQL_WORDS.has(alias.toLowerCase())) map.set(alias, table);
  }
  return map;
}

type PlanRow = { id: number; parent: number; detail: string };

/** What is wrong with a statement's plan, if anything. */
function planProblems(query: Captured): string[] {
  const plan = sqlite.prepare(`explain query plan ${query.sql}`).all(...query.params) as PlanRow[];
  const tables = tablesByAlias(query.sql);
  const tableOf = (detail: string) => {
    const name = /^(?:SCAN|SEARCH) (\S+)/.exec(detail)?.[1];
    return name ? (tables.get(name) ?? name) : null;
  };
  const problems: string[] = [];
  const limited = /\blimit\b/i.test(query.sql);
  for (const row of plan) {
    const table = tableOf(row.detail);
    if (row.detail.startsWith("SCAN ") && table && BIG_TABLES.has(table)) {
      const orderedWalk =
        / USING (COVERING )?INDEX /.test(row.detail) &&
        limited &&
        !plan.some((r) => r.parent === row.parent && r.detail.includes("TEMP B-TREE"));
      if (!orderedWalk) problems.push(row.detail);
    }
    if (row.detail.startsWith("SCAN ") && table === "search_index" && !/VIRTUAL TABLE INDEX \d+:\S*M/.test(row.detail))
      problems.push(row.detail);
    if (/USE TEMP B-TREE FOR .*ORDER BY/.test(row.detail)) {
      // The loop that feeds the sort is the first table read at the same level.
      const outer = plan.filter((r) => r.parent === row.parent && /^(SCAN|SEARCH) /.test(r.detail)).sort((a, b) => a.id - b.id)[0];
      const outerTable = outer ? tableOf(outer.detail) : null;
      const oneMember = ONE_MEMBER_INDEXES.some((index) => new RegExp(` INDEX ${index} \\(author_id=\\?\\)$`).test(outer?.detail ?? ""));
      if (outerTable && BIG_TABLES.has(outerTable) && !oneMember) problems.push(`${row.detail} (sorting ${outerTable})`);
    }
  }
  return problems.map((p) => `${p}\n    in: ${query.sql.replace(/\s+/g, " ").slice(0, 300)}`);
}

async function expectIndexedPlans(call: () => Promise<unknown>) {
  const queries = await capture(call);
  expect(queries.length).toBeGreaterThan(0);
  expect(queries.flatMap(planProblems)).toEqual([]);
}

const visitor = null;
const member = { id: 50, role: "member" as const, suspendedUntil: null, emailVerifiedAt: 1 };
const staff = { id: 2, role: "staff" as const, suspendedUntil: null, emailVerifiedAt: 1 };
const ideaId = 2; // kinds rotate discussion/question/idea: id % 3 === 2 is an idea, and its status is "planned"
const questionId = 1;

beforeAll(() => {
  sqlite = new SQLite(process.env.DATABASE_PATH!);
  populate(sqlite);
});

afterAll(() => sqlite.close());

describe("the busiest pages walk indexes on a populated forum", () => {
  it("home: products and the latest threads", async () => {
    await expectIndexedPlans(() => Promise.all([listProducts(), listLatestThreads(15).then(withTags)]));
  });

  // Signed in, a list also holds what the viewer may see out of public view (visibleTo): the same index walks.
  it.each([
    ["a member", member],
    ["staff", staff],
  ])("lists as %s sees them: latest, a product page and a later one, ideas by votes", async (_name, viewer) => {
    await expectIndexedPlans(() => listLatestThreads(15, viewer));
    const first = await listThreads({ productId: 1 }, "activity", {}, {}, viewer);
    await expectIndexedPlans(() => listThreads({ productId: 1 }, "activity", {}, {}, viewer));
    await expectIndexedPlans(() => listThreads({ productId: 1 }, "activity", {}, { after: parseCursor(first.nextCursor) }, viewer));
    await expectIndexedPlans(() => listThreads({ productId: 2 }, "votes", { kind: "idea" }, {}, viewer));
    await expectIndexedPlans(() => listThreads({ tagId: 3 }, "newest", {}, {}, viewer));
  });

  it.each(listSorts)("a product list sorted by %s: first page, a later page and back", async (sort) => {
    const first = await listThreads({ productId: 1 }, sort, {});
    const after = parseCursor(first.nextCursor)!;
    const second = await listThreads({ productId: 1 }, sort, {}, { after });
    const before = parseCursor(second.prevCursor)!;
    await expectIndexedPlans(() => listThreads({ productId: 1 }, sort, {}));
    await expectIndexedPlans(() => listThreads({ productId: 1 }, sort, {}, { after }));
    await expectIndexedPlans(() => listThreads({ productId: 1 }, sort, {}, { before }));
    // A later page seeks to its cursor in the index (page 500 costs what page 1 costs), rather than walking up to it.
    const column = sortColumns[sort];
    for (const page of [{ after }, { before }]) {
      const paged = (await capture(() => listThreads({ productId: 1 }, sort, {}, page))).filter((q) =>
        q.sql.includes(`"threads"."${column}", "threads"."id") `),
      );
      expect(paged.length).toBeGreaterThan(0);
      for (const query of paged) {
        const plan = sqlite.prepare(`explain query plan ${query.sql}`).all(...query.params) as PlanRow[];
        expect(plan.map((r) => r.detail).join("\n")).toMatch(
          new RegExp(`SEARCH threads USING INDEX \\w+ \\(product_id=\\? AND pinned=\\? AND ${column}[<>]\\?\\)`),
        );
      }
    }
  });

  it("ideas sorted by votes", async () => {
    await expectIndexedPlans(() => listThreads({ productId: 2 }, "votes", { kind: "idea" }));
  });

  it("a thread page: the thread, its replies, co-designers, tags and idea details", async () => {
    for (const viewer of [visitor, member]) {
      await expectIndexedPlans(() =>
        Promise.all([
          getThreadPage(ideaId, viewer),
          getIdeaDetails(viewer, ideaId),
          tagsOfThreads([ideaId]),
          viewer ? getSubscriptionLevel(viewer.id, ideaId) : null,
        ]),
      );
      await expectIndexedPlans(() => getThreadPage(questionId, viewer));
      await expectIndexedPlans(() => getThreadPage(questionId, viewer, 2));
    }
    await expectIndexedPlans(() => getThreadPage(questionId, staff, 2));
  });

  it("a link to a reply finds its page by counting on indexes", async () => {
    for (const viewer of [visitor, member, staff]) await expectIndexedPlans(() => locateReply(viewer, 4 * questionId));
  });

  it("search", async () => {
    await expectIndexedPlans(() => searchThreads("invoice totals"));
    await expectIndexedPlans(() => searchThreads("invoices", { productSlug: "product-1", kind: "question", solved: "yes" }));
  });

  it("roadmap and changelog", async () => {
    await expectIndexedPlans(() => getRoadmap());
    await expectIndexedPlans(() => getRoadmap({ productId: 1 }));
    const first = await listChangelog();
    await expectIndexedPlans(() => listChangelog());
    await expectIndexedPlans(() => listChangelog(parseChangelogCursor(first.nextCursor)));
  });

  it("a profile and the unread notifications count", async () => {
    for (const viewer of [visitor, member, staff]) await expectIndexedPlans(() => getProfile("member7", viewer));
    await expectIndexedPlans(() => countUnread({ id: 7, role: "member", suspendedUntil: null, emailVerifiedAt: 1 }));
  });

  it("the notifications page, following a notification and a thread page reading what it shows", async () => {
    const reader = { id: 7, role: "member" as const, suspendedUntil: null, emailVerifiedAt: 1 };
    await expectIndexedPlans(() => listNotifications(reader));
    // Member 7 wrote thread 6 (author = 1 + id % USERS) and has a notification about it.
    await expectIndexedPlans(() => markSeenOnThreadPage(reader, 6, [21, 22, 23, 24], true));
  });

  it("reading (issue 20): a page's likes, a list's unread replies, marking a product read", async () => {
    const reader = { id: 7, role: "member" as const, suspendedUntil: null, emailVerifiedAt: 1 };
    await markSeenOnThreadPage(reader, 6, [21], true);
    await expectIndexedPlans(() => likesOnPage(reader, 6, [21, 22, 23, 24]));
    await expectIndexedPlans(() => unreadIn(reader, [1, 2, 3, 4, 5, 6]));
    await expectIndexedPlans(() => markProductRead(reader, 1));
  });
});

/** SQLite's plan of one query, with every parameter replaced by 1. */
const plan = async (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
  const compiled = query.compile();
  return (sqlite.prepare(`explain query plan ${compiled.sql.replace(/\?/g, "1")}`).all() as { detail: string }[])
    .map((r) => r.detail)
    .join("\n");
};

describe("thread lists", () => {
  it.each(listSorts)("sorted by %s, a product page walks its index and never scans threads", async (sort) => {
    const cursors = [{}, { after: { pinned: 0, key: 5, id: 9 } }, { before: { pinned: 1, key: 5, id: 9 } }];
    for (const page of cursors) {
      for (const filter of [{}, { kind: "question" as const, solved: "no" as const, tagId: 3 }]) {
        const detail = await plan(threadListQuery({ productId: 1 }, sort, filter, page));
        expect(detail).toMatch(/SEARCH threads USING INDEX threads_product_\w+ \(product_id=\?/);
        expect(detail).not.toMatch(/SCAN threads|TEMP B-TREE/);
      }
      const tagDetail = await plan(threadListQuery({ tagId: 1 }, sort, {}, page));
      expect(tagDetail).toMatch(/SEARCH scope_tag USING COVERING INDEX thread_tags_tag/);
      expect(tagDetail).not.toMatch(/SCAN threads/);
    }
  });
});
