/**
 * npm run bench:data — writes bench/bench.db, a large forum for scripts/bench.ts:
 * 20 products, 100,000 threads, 1,000,000 replies, 50,000 members, votes,
 * tags, accepted answers, idea statuses, co-designers, subscriptions and
 * notifications. The same seed always gives the same database.
 *
 * The schema, indexes and triggers are the app's own (its migrations run
 * first). For speed the full-text triggers are dropped during the load; the
 * index is then filled once with the migration's own statements and the
 * triggers are recreated from the SQL SQLite stored for them.
 */
import fs from "node:fs";
import { hash } from "@node-rs/argon2";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "~db/client.server";
import { openSqlite } from "~db/sqlite.server";
import type { Database, IdeaStatus, ThreadKind } from "~db/schema";
import { renderMarkdown } from "~/markdown/render.server";
import {
  BENCH_DB,
  BENCH_NOW,
  BENCH_SEED,
  BENCH_THREAD_TITLE,
  BENCH_USER,
  COUNTS,
  LIST_PRODUCT_SLUG,
  REPLY_THREAD_TITLE,
} from "./bench-fixture";
import { createRandom, paragraph, personName, productNames, rareWords, tagNames, title } from "./bench-text";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = BENCH_NOW - 3 * 365 * DAY;
const JOIN_START = START - 30 * DAY;
const JOIN_SPAN = BENCH_NOW - DAY - JOIN_START;
const STAFF = 15;
const BATCH = 20_000;

const started = Date.now();
const step = (what: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${what}`);
const random = createRandom(BENCH_SEED);

for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(BENCH_DB + suffix, { force: true });
const sqlite = openSqlite(BENCH_DB);
await migrateToLatest(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }));
step("migrated");

const triggers = sqlite
  .prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'search_%' order by name")
  .all() as { name: string; sql: string }[];
for (const { name } of triggers) sqlite.exec(`drop trigger ${name}`);
sqlite.pragma("foreign_keys = OFF");
sqlite.pragma("journal_mode = OFF");
sqlite.pragma("synchronous = OFF");
sqlite.pragma("cache_size = -1048576");
sqlite.pragma("temp_store = MEMORY");

/** Runs insert(i) for i in [0, count) in transactions of BATCH rows. */
function inBatches(count: number, insert: (i: number) => void) {
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert(i);
  });
  for (let from = 0; from < count; from += BATCH) batch(from, Math.min(count, from + BATCH));
}

// ---------------------------------------------------------------- text pools
const PARAGRAPHS = 600;
const pool = Array.from({ length: PARAGRAPHS }, () => {
  const markdown = paragraph(random);
  return { markdown, html: renderMarkdown(markdown), list: /^(-|\d+\.) /.test(markdown) };
});
const rare = rareWords(random, 30_000);
const rareWord = () => rare[random.skewed(rare.length, 2.5)]!;
/** A plain sentence of rare words: what makes each post findable on its own. */
const rareSentence = () => `Seen with ${rareWord()} and ${rareWord()} on the ${rareWord()} plan.`;

type Body = { markdown: string; html: string };
/**
 * Pooled paragraphs (rendered once) plus one sentence of rare words. Blocks
 * separated by a blank line render independently, so the HTML is the
 * rendered blocks joined by a newline; checkBodies() proves it on a sample.
 */
function body(paragraphs: number): Body {
  const parts: typeof pool = [];
  while (parts.length < paragraphs) {
    const next = pool[random.int(0, PARAGRAPHS - 1)]!;
    // Two lists in a row would be one list in Markdown: skip the second.
    if (!(next.list && parts.at(-1)?.list)) parts.push(next);
  }
  const sentence = rareSentence();
  return {
    markdown: [...parts.map((p) => p.markdown), sentence].join("\n\n"),
    html: [...parts.map((p) => p.html), `<p>${sentence}</p>`].join("\n"),
  };
}
function checkBodies() {
  for (let i = 0; i < 300; i++) {
    const sample = body(random.int(1, 4));
    if (renderMarkdown(sample.markdown) !== sample.html) {
      throw new Error(`A composed body renders differently from the app's renderer:\n${sample.markdown}`);
    }
  }
}
checkBodies();
const replyParagraphs = () => {
  const roll = random.next();
  return roll < 0.55 ? 1 : roll < 0.85 ? 2 : roll < 0.95 ? 3 : random.int(4, 6);
};
const notePool = Array.from({ length: 100 }, () => {
  const markdown = paragraph(random);
  return { markdown, html: renderMarkdown(markdown) };
});
step("text pools rendered");

// ---------------------------------------------------------------- users
const passwordHash = await hash(BENCH_USER.password, {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
  salt: new Uint8Array(16).fill(7),
});
const BENCH_USER_ID = STAFF + 2;
const userJoined = (id: number) => (id <= BENCH_USER_ID ? JOIN_START : JOIN_START + (id / COUNTS.users) * JOIN_SPAN);
/** Someone who had joined by `time`; people who joined early post far more. */
function authorAt(time: number): number {
  const joined = Math.max(200, Math.floor(((time - JOIN_START) / JOIN_SPAN) * COUNTS.users));
  return 1 + random.skewed(Math.min(COUNTS.users, joined), 2.5);
}
const staffId = () => random.int(2, STAFF + 1);
{
  const insert = sqlite.prepare(
    // Verified on joining, as migration 0016 counts every member who joined before addresses were checked:
    // an unverified member may not post, and the bench's replies were all refused with 403.
    `insert into users (id, username, display_name, email, password_hash, role, bio, created_at, email_verified_at, trust_level)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  inBatches(COUNTS.users, (i) => {
    const id = i + 1;
    const person = personName(random, id);
    const [username, displayName, role] =
      id === 1
        ? ["admin", "Ada Admin", "admin"]
        : id <= STAFF + 1
          ? [`staff${id}`, `${person.displayName ?? "Sam"} (Cocreate)`, "staff"]
          : id === BENCH_USER_ID
            ? [BENCH_USER.username, "Bench Member", "member"]
            : [person.username, person.displayName, "member"];
    const email = id === BENCH_USER_ID ? BENCH_USER.email : `${username}@example.com`;
    const bio = random.chance(0.2) ? pool[random.int(0, PARAGRAPHS - 1)]!.markdown.slice(0, 160) : null;
    const joined = Math.round(userJoined(id));
    insert.run(id, username, displayName, email, passwordHash, role, bio, joined, joined);
  });
}
step(`${COUNTS.users} users`);

// ---------------------------------------------------------------- products and tags
{
  const insert = sqlite.prepare(
    "insert into products (id, slug, name, description, position, created_at, archived_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  productNames.forEach(([slug, name, description], i) => {
    insert.run(i + 1, slug, name, description, i + 1, START, i === COUNTS.products - 1 ? BENCH_NOW - 90 * DAY : null);
  });
  if (productNames[0][0] !== LIST_PRODUCT_SLUG) throw new Error("The listed product must be the first, largest one.");
  const insertTag = sqlite.prepare("insert into tags (id, slug, name, created_at) values (?, ?, ?, ?)");
  tagNames.forEach((slug, i) => insertTag.run(i + 1, slug, slug.replace(/-/g, " "), START));
}

// ---------------------------------------------------------------- threads (shape only)
const T = COUNTS.threads;
const tCreated = new Float64Array(T);
for (let i = 0; i < T; i++) tCreated[i] = Math.round(START + (BENCH_NOW - 2 * HOUR - START) * Math.sqrt(random.next()));
tCreated.sort();
const productWeights = Array.from({ length: COUNTS.products }, (_, k) => (k + 1) ** -0.8);
const weightSum = productWeights.reduce((a, b) => a + b, 0);
function pickProduct(): number {
  let roll = random.next() * weightSum;
  for (let k = 0; k < productWeights.length; k++) {
    roll -= productWeights[k]!;
    if (roll <= 0) return k + 1;
  }
  return 1;
}
const kinds: ThreadKind[] = ["discussion", "question", "idea"];
const tProduct = new Int32Array(T);
const tKind = new Uint8Array(T);
const tAuthor = new Int32Array(T);
const tReplies = new Int32Array(T);
for (let i = 0; i < T; i++) {
  tProduct[i] = pickProduct();
  const roll = random.next();
  tKind[i] = roll < 0.4 ? 0 : roll < 0.75 ? 1 : 2;
  tAuthor[i] = authorAt(tCreated[i]!);
  tReplies[i] = Math.min(3000, Math.floor(random.logNormal(5, 1.2)));
}
// The archived product stopped taking threads when it was archived.
for (let i = 0; i < T; i++) if (tProduct[i] === COUNTS.products && tCreated[i]! > BENCH_NOW - 90 * DAY) tProduct[i] = 2;

const BENCH_THREAD = T - 400;
const REPLY_THREAD = T - 300;
tProduct[BENCH_THREAD] = 1;
tKind[BENCH_THREAD] = 1;
tReplies[BENCH_THREAD] = 50;
tProduct[REPLY_THREAD] = 2;
tKind[REPLY_THREAD] = 0;
tReplies[REPLY_THREAD] = 5;
{
  // Exactly COUNTS.replies replies in all.
  let total = tReplies.reduce((a, b) => a + b, 0);
  while (total !== COUNTS.replies) {
    const i = random.int(0, T - 1);
    if (i === BENCH_THREAD || i === REPLY_THREAD) continue;
    if (total < COUNTS.replies) {
      tReplies[i]!++;
      total++;
    } else if (tReplies[i]! > 0) {
      tReplies[i]!--;
      total--;
    }
  }
}

// ---------------------------------------------------------------- replies (shape only), ids in time order
const R = COUNTS.replies;
const rThread = new Int32Array(R);
const rTime = new Float64Array(R);
{
  let r = 0;
  for (let i = 0; i < T; i++) {
    const span = BENCH_NOW - tCreated[i]!;
    for (let k = 0; k < tReplies[i]!; k++) {
      rThread[r] = i;
      rTime[r] = Math.round(tCreated[i]! + 60_000 + (span - 60_000) * random.next() ** 5);
      r++;
    }
  }
}
const order = new Uint32Array(R).map((_, i) => i).sort((a, b) => rTime[a]! - rTime[b]! || a - b);
// Post id j + 1 is order[j]; per-thread lists of post indexes (CSR), in id order.
const threadStart = new Int32Array(T + 1);
for (let i = 0; i < T; i++) threadStart[i + 1] = threadStart[i]! + tReplies[i]!;
const threadPosts = new Int32Array(R);
{
  const fill = threadStart.slice(0, T);
  for (let j = 0; j < R; j++) threadPosts[fill[rThread[order[j]!]!]!++] = j;
}
const postsOf = (i: number) => threadPosts.subarray(threadStart[i]!, threadStart[i + 1]!);
const pAuthor = new Int32Array(R);
const pState = new Uint8Array(R); // 0 visible, 1 hidden, 2 deleted
const pEdited = new Uint8Array(R);
for (let j = 0; j < R; j++) {
  const i = rThread[order[j]!]!;
  pAuthor[j] = authorAt(rTime[order[j]!]!);
  if (i === BENCH_THREAD) continue;
  const roll = random.next();
  pState[j] = roll < 0.002 ? 1 : roll < 0.005 ? 2 : 0;
  pEdited[j] = random.chance(0.03) ? 1 : 0;
}
step("thread and reply shapes");

// ---------------------------------------------------------------- thread facts
const statuses: IdeaStatus[] = ["open", "under_review", "planned", "in_progress", "shipped", "declined"];
const tStatus = new Int8Array(T).fill(-1);
const tStatusAt = new Float64Array(T);
const tAccepted = new Int32Array(T).fill(-1);
const tCoDesignedAt = new Float64Array(T);
const tVotes = new Int32Array(T);
const tState = new Uint8Array(T); // 0 visible, 1 hidden, 2 deleted
const tPinned = new Uint8Array(T);
const tLastActivity = new Float64Array(T);
type Change = { thread: number; from: IdeaStatus | null; to: IdeaStatus | "merged"; at: number; note: number; mergedInto: number | null };
const changes: Change[] = [];
const tMergedInto = new Int32Array(T).fill(-1);
const lastIdeaOfProduct = new Int32Array(COUNTS.products + 1).fill(-1);
const pinnedPerProduct = new Int32Array(COUNTS.products + 1);

for (let i = 0; i < T; i++) {
  const posts = postsOf(i);
  let last = tCreated[i]!;
  for (const j of posts) last = Math.max(last, rTime[order[j]!]!);
  if (i !== BENCH_THREAD && i !== REPLY_THREAD) {
    const roll = random.next();
    tState[i] = roll < 0.002 ? 1 : roll < 0.003 ? 2 : 0;
  }
  if (pinnedPerProduct[tProduct[i]!]! < 2 && tState[i] === 0 && random.chance(0.01)) {
    tPinned[i] = 1;
    pinnedPerProduct[tProduct[i]!]!++;
  }
  const kind = kinds[tKind[i]!]!;
  if (kind === "question") {
    const visible = [...posts].filter((j) => pState[j] === 0);
    if (i === BENCH_THREAD) tAccepted[i] = visible[6]!;
    else if (visible.length > 0 && random.chance(0.55)) tAccepted[i] = visible[random.skewed(visible.length, 2)]!;
  }
  if (kind === "idea") {
    const roll = random.next();
    const final = roll < 0.55 ? 0 : roll < 0.67 ? 1 : roll < 0.77 ? 2 : roll < 0.83 ? 3 : roll < 0.95 ? 4 : 5;
    const path =
      final === 5
        ? [0, random.chance(0.5) ? 1 : 0, 5].filter((s, k, a) => k === 0 || s !== a[k - 1])
        : Array.from({ length: final + 1 }, (_, k) => k);
    let at = tCreated[i]!;
    for (let k = 1; k < path.length; k++) {
      at = Math.min(BENCH_NOW - HOUR, at + (BENCH_NOW - at) * random.next() ** 3 * 0.5 + HOUR);
      const to = statuses[path[k]!]!;
      changes.push({
        thread: i,
        from: statuses[path[k - 1]!]!,
        to,
        at,
        note: to === "shipped" || random.chance(0.4) ? random.int(0, notePool.length - 1) : -1,
        mergedInto: null,
      });
      if (to === "planned" && random.chance(0.45)) tCoDesignedAt[i] = at;
    }
    tStatus[i] = path[path.length - 1]!;
    tStatusAt[i] = at;
    last = Math.max(last, at);
    const popular = final >= 2 && final <= 4 ? 4 : 1;
    tVotes[i] = Math.min(5000, Math.floor(random.logNormal(4, 1.3) * popular));
    const previous = lastIdeaOfProduct[tProduct[i]!]!;
    if (final === 0 && previous >= 0 && tState[previous] === 0 && random.chance(0.01)) {
      tMergedInto[i] = previous;
      const mergedAt = Math.min(BENCH_NOW - HOUR, last + HOUR);
      changes.push({ thread: i, from: "open", to: "merged", at: mergedAt, note: -1, mergedInto: previous });
      last = mergedAt;
    }
    lastIdeaOfProduct[tProduct[i]!] = i;
  }
  tLastActivity[i] = last;
}
step("thread facts");

// ---------------------------------------------------------------- insert threads
const threadTitles: string[] = new Array(T);
{
  const insert = sqlite.prepare(
    `insert into threads (id, product_id, author_id, kind, title, body, body_html, status, accepted_answer_post_id,
       co_designed_at, co_designed_by, pinned, locked, hidden_at, vote_count, reply_count, last_activity_at, created_at,
       edited_at, merged_into_id, status_changed_at, hidden_reason, deleted_at, deleted_by, delete_reason, edited_by, closed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  inBatches(T, (i) => {
    const kind = kinds[tKind[i]!]!;
    const text = i === BENCH_THREAD ? body(3) : body(random.int(2, 5));
    const name = i === BENCH_THREAD ? BENCH_THREAD_TITLE : i === REPLY_THREAD ? REPLY_THREAD_TITLE : title(random, rareWord());
    threadTitles[i] = name;
    let replyCount = 0;
    for (const j of postsOf(i)) if (pState[j] !== 2) replyCount++;
    const old = tCreated[i]! < BENCH_NOW - 365 * DAY;
    const hidden = tState[i] === 1 ? Math.round(tCreated[i]! + DAY) : null;
    const deleted = tState[i] === 2 ? Math.round(tCreated[i]! + DAY) : null;
    insert.run(
      i + 1,
      tProduct[i],
      tAuthor[i],
      kind,
      name,
      text.markdown,
      text.html,
      kind === "idea" ? statuses[tStatus[i]!] : null,
      tAccepted[i]! >= 0 ? tAccepted[i]! + 1 : null,
      tCoDesignedAt[i] ? Math.round(tCoDesignedAt[i]!) : null,
      tCoDesignedAt[i] ? staffId() : null,
      tPinned[i],
      old && random.chance(0.005) ? 1 : 0,
      hidden,
      tVotes[i],
      replyCount,
      Math.round(tLastActivity[i]!),
      tCreated[i],
      null,
      tMergedInto[i]! >= 0 ? tMergedInto[i]! + 1 : null,
      kind === "idea" ? Math.round(tStatusAt[i] || tCreated[i]!) : null,
      hidden ? "Flagged as spam by the community" : null,
      deleted,
      deleted ? staffId() : null,
      deleted ? "Duplicate of another thread" : null,
      null,
      old && random.chance(0.01) ? Math.round(tLastActivity[i]! + DAY) : null,
    );
  });
}
step(`${T} threads`);

// ---------------------------------------------------------------- insert replies
{
  const insert = sqlite.prepare(
    `insert into posts (id, thread_id, author_id, body, body_html, created_at, edited_at, hidden_at, hidden_reason,
       deleted_at, deleted_by, delete_reason, edited_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const revision = sqlite.prepare("insert into revisions (post_id, body, editor_id, created_at) values (?, ?, ?, ?)");
  inBatches(R, (j) => {
    const i = rThread[order[j]!]!;
    const time = rTime[order[j]!]!;
    const text = body(i === BENCH_THREAD ? random.int(1, 3) : replyParagraphs());
    const editedAt = pEdited[j] ? Math.round(Math.min(BENCH_NOW, time + random.next() * 2 * DAY)) : null;
    const hidden = pState[j] === 1 ? Math.round(Math.min(BENCH_NOW, time + HOUR)) : null;
    const deleted = pState[j] === 2 ? Math.round(Math.min(BENCH_NOW, time + HOUR)) : null;
    insert.run(
      j + 1,
      i + 1,
      pAuthor[j],
      text.markdown,
      text.html,
      time,
      editedAt,
      hidden,
      hidden ? "Off-topic" : null,
      deleted,
      deleted ? staffId() : null,
      deleted ? "Spam" : null,
      editedAt ? pAuthor[j] : null,
    );
    if (editedAt) revision.run(j + 1, pool[random.int(0, PARAGRAPHS - 1)]!.markdown, pAuthor[j], editedAt);
  });
}
step(`${R} replies`);

/** Who follows each thread (authors and repliers watch, voters follow status changes), inserted at the end. */
const followers = new Map<number, Map<number, "watching" | "status">>();
function subscribe(thread: number, users: Iterable<number>, level: "watching" | "status") {
  let map = followers.get(thread);
  if (!map) followers.set(thread, (map = new Map()));
  for (const user of users) if (map.get(user) !== "watching") map.set(user, level);
}

// ---------------------------------------------------------------- ideas: timeline, votes, credits, measures
{
  const insertChange = sqlite.prepare(
    `insert into status_changes (thread_id, from_status, to_status, actor_id, note, note_html, merged_into_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  inBatches(changes.length, (k) => {
    const c = changes[k]!;
    const note = c.note >= 0 ? notePool[c.note]! : { markdown: "", html: "" };
    insertChange.run(
      c.thread + 1,
      c.from,
      c.to,
      staffId(),
      note.markdown,
      note.html,
      c.mergedInto === null ? null : c.mergedInto + 1,
      Math.round(c.at),
    );
  });

  const insertVote = sqlite.prepare("insert into votes (thread_id, user_id, created_at) values (?, ?, ?)");
  const insertCredit = sqlite.prepare(
    "insert into co_designers (thread_id, user_id, contribution, credited_by, created_at) values (?, ?, ?, ?, ?)",
  );
  const insertMeasure = sqlite.prepare(
    `insert into success_measures (thread_id, user_id, measure, verdict, verdict_comment, verdict_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const contributions = [
    "Proposed the idea",
    "Suggested the column mapping",
    "Tested the first build",
    "Shared real data to design with",
    "Described the approval step",
  ];
  const verdicts = ["met", "partly", "not_met"] as const;
  const ideas = [...Array(T).keys()].filter((i) => tKind[i] === 2);
  let votes = 0;
  inBatches(ideas.length, (k) => {
    const i = ideas[k]!;
    const voters = new Set<number>();
    while (voters.size < tVotes[i]!) {
      const user = 1 + random.int(0, COUNTS.users - 1);
      if (user !== tAuthor[i]) voters.add(user);
    }
    for (const user of [...voters].sort((a, b) => a - b)) {
      insertVote.run(i + 1, user, Math.round(tCreated[i]! + (BENCH_NOW - tCreated[i]!) * random.next() ** 2));
    }
    votes += voters.size;
    subscribe(i, voters, "status");
    if (tCoDesignedAt[i]) {
      const credited = new Set([tAuthor[i]!]);
      const posts = postsOf(i);
      for (let n = random.int(0, 3); n > 0 && posts.length > 0; n--) credited.add(pAuthor[posts[random.int(0, posts.length - 1)]!]!);
      let n = 0;
      for (const user of credited) {
        insertCredit.run(
          i + 1,
          user,
          n++ === 0 ? contributions[0] : random.pick(contributions.slice(1)),
          staffId(),
          Math.round(tCoDesignedAt[i]! + n),
        );
      }
    }
    if (random.chance(tStatus[i]! >= 2 ? 0.4 : 0.08)) {
      const members = new Set<number>();
      for (let n = random.int(1, 4); n > 0; n--) members.add(authorAt(BENCH_NOW));
      for (const user of members) {
        const at = Math.round(tCreated[i]! + DAY);
        const judged = tStatus[i] === 4 && random.chance(0.6);
        insertMeasure.run(
          i + 1,
          user,
          pool[random.int(0, PARAGRAPHS - 1)]!.markdown.slice(0, 200),
          judged ? random.pick(verdicts) : null,
          judged ? "Checked it against last month's numbers." : null,
          judged ? Math.round(tStatusAt[i]! + DAY) : null,
          at,
          at,
        );
      }
    }
  });
  step(`${changes.length} status changes, ${votes} votes, credits and success measures`);
}

// ---------------------------------------------------------------- tags
{
  const insert = sqlite.prepare("insert into thread_tags (thread_id, tag_id) values (?, ?)");
  inBatches(T, (i) => {
    const tags = new Set<number>();
    if (i === BENCH_THREAD) [3, 39].forEach((t) => tags.add(t));
    else if (random.chance(0.5)) for (let n = random.int(1, 3); n > 0; n--) tags.add(1 + random.skewed(COUNTS.tags, 2));
    for (const tag of [...tags].sort((a, b) => a - b)) insert.run(i + 1, tag);
  });
  step("thread tags");
}

// ---------------------------------------------------------------- subscriptions and notifications
{
  for (let i = 0; i < T; i++) {
    const posts = postsOf(i);
    const repliers = [tAuthor[i]!];
    for (const j of posts) repliers.push(pAuthor[j]!);
    subscribe(i, repliers, "watching");
  }
  subscribe(BENCH_THREAD, [BENCH_USER_ID], "watching");
  const insert = sqlite.prepare("insert into subscriptions (thread_id, user_id, level, created_at) values (?, ?, ?, ?)");
  let rows = 0;
  inBatches(T, (i) => {
    const map = followers.get(i)!;
    for (const user of [...map.keys()].sort((a, b) => a - b)) {
      insert.run(i + 1, user, map.get(user), Math.round(tCreated[i]!));
      rows++;
    }
  });
  step(`${rows} subscriptions`);

  const notify = sqlite.prepare(
    `insert into notifications (user_id, kind, thread_id, post_id, actor_id, detail, created_at, read_at) values (?, ?, ?, ?, ?, '', ?, ?)`,
  );
  const NOTIFICATIONS = 300_000;
  inBatches(NOTIFICATIONS, (n) => {
    const j = random.int(0, R - 1);
    const i = rThread[order[j]!]!;
    const forBench = n < 40;
    const user = forBench ? BENCH_USER_ID : tAuthor[i]!;
    const time = rTime[order[j]!]!;
    const unread = forBench ? n < 12 : random.chance(0.1);
    notify.run(user, "reply", i + 1, j + 1, pAuthor[j], time, unread ? null : Math.round(Math.min(BENCH_NOW, time + HOUR)));
  });
  step(`${NOTIFICATIONS} notifications`);
}

// ---------------------------------------------------------------- moderation traces
{
  const flag = sqlite.prepare(
    `insert into flags (post_id, user_id, reason, status, resolved_by, resolved_at, created_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const audit = sqlite.prepare(
    `insert into audit_log (actor_id, action, target_type, target_id, reason, created_at) values (?, ?, 'post', ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let j = 0; j < R; j++) {
      if (pState[j] === 0) continue;
      const at = Math.round(Math.min(BENCH_NOW, rTime[order[j]!]! + HOUR));
      flag.run(j + 1, authorAt(BENCH_NOW), pState[j] === 1 ? "off_topic" : "spam", "agreed", staffId(), at, at - 1000);
      audit.run(staffId(), pState[j] === 1 ? "post.hide" : "post.delete", j + 1, pState[j] === 1 ? "Off-topic" : "Spam", at);
    }
  })();
}

// ---------------------------------------------------------------- full-text index, triggers, statistics
// The statements 0006_discovery.ts runs to index what already exists.
sqlite.exec(`insert into search_index (rowid, title, body, thread_id, post_id)
  select t.id * 2, t.title, t.body, t.id, null from threads t where t.hidden_at is null and t.deleted_at is null`);
sqlite.exec(`insert into search_index (rowid, title, body, thread_id, post_id)
  select p.id * 2 + 1, '', p.body, p.thread_id, p.id from posts p where p.hidden_at is null and p.deleted_at is null`);
// And the one 0009_search_titles.ts runs.
sqlite.exec(`insert into search_titles (rowid, title)
  select id, title from threads where hidden_at is null and deleted_at is null`);
// And what 0010_search_index_optimize.ts does to a forum that already has an index.
sqlite.exec(`insert into search_index (search_index) values ('optimize')`);
sqlite.exec(`insert into search_titles (search_titles) values ('optimize')`);
for (const { sql } of triggers) sqlite.exec(sql);
step("full-text index built, triggers restored");

const broken = sqlite.pragma("foreign_key_check") as unknown[];
if (broken.length > 0) throw new Error(`${broken.length} rows break a foreign key, e.g. ${JSON.stringify(broken[0])}`);
const mismatched = sqlite
  .prepare(
    `select count(*) as n from threads t where reply_count <> (select count(*) from posts p where p.thread_id = t.id and p.deleted_at is null)
       or vote_count <> (select count(*) from votes v where v.thread_id = t.id)
       or last_activity_at < (select coalesce(max(created_at), 0) from posts p where p.thread_id = t.id)`,
  )
  .get() as { n: number };
if (mismatched.n > 0) throw new Error(`${mismatched.n} threads have counters that disagree with their rows.`);
sqlite.exec("analyze");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("journal_mode = WAL");
sqlite.close();
step(`checked and analyzed; ${(fs.statSync(BENCH_DB).size / 1e9).toFixed(2)} GB at ${BENCH_DB}`);
