import { beforeAll, describe, expect, it } from "vitest";
import { deleteContent } from "~/models/moderation.server";
import { locateReply, parseReplyPage, REPLIES_PER_PAGE } from "~/models/reply-pages.server";
import { getThreadPage, markAnswer } from "~/models/thread.server";
import { threadPath } from "~/utils/slug";
import { createTestReply, createTestThread, createTestUser, statusOf, type TestActor } from "./factories";

// Issue 14: 81 replies made a 12,000 px page on a phone. Threads page their replies, 50 a page, the accepted
// answer under the question on every page, and a link to a reply opens the page that holds it.

let asker: TestActor;
let staff: TestActor;
let threadId: number;
let path: string;
/** The thread's 120 replies in posting order; reply n (from 1) is replies[n - 1]. */
const replies: number[] = [];

beforeAll(async () => {
  asker = await createTestUser();
  staff = await createTestUser({ role: "staff" });
  const helper = await createTestUser();
  threadId = await createTestThread(asker, { kind: "question", title: "A very long question" });
  path = threadPath({ id: threadId, title: "A very long question" });
  for (let n = 1; n <= 120; n++) replies.push(await createTestReply(helper, threadId, `Reply number ${n}`));
  await markAnswer(asker, threadId, replies[59]!); // reply 60
});

const texts = (page: Awaited<ReturnType<typeof getThreadPage>>) => page.replies.map((r) => r.bodyHtml.replace(/<\/?p>\n?/g, ""));

describe("a thread's replies, 50 a page", () => {
  it("page 1 lists the first 50 other replies; the accepted answer is under the question on every page", async () => {
    const first = await getThreadPage(threadId, null);
    expect(first.replies).toHaveLength(REPLIES_PER_PAGE);
    expect(texts(first)[0]).toBe("Reply number 1");
    expect(texts(first)[49]).toBe("Reply number 50");
    expect(first.pagination).toEqual({ page: 1, pageCount: 3 });
    for (const page of [1, 2, 3]) {
      const shown = await getThreadPage(threadId, null, page);
      expect(shown.answer?.id).toBe(replies[59]);
      expect(shown.replies.map((r) => r.id)).not.toContain(replies[59]);
    }
  });

  it("page 2 goes on where page 1 stopped, leaving the answer out; page 3 holds the rest", async () => {
    const second = await getThreadPage(threadId, null, 2);
    expect(texts(second)[0]).toBe("Reply number 51");
    expect(texts(second)).not.toContain("Reply number 60");
    expect(texts(second)[49]).toBe("Reply number 101");
    const third = await getThreadPage(threadId, null, 3);
    expect(texts(third)).toHaveLength(19);
    expect(texts(third).at(-1)).toBe("Reply number 120");
  });

  it("a page past the last lists nothing and says how many pages there are", async () => {
    const beyond = await getThreadPage(threadId, null, 9);
    expect(beyond.replies).toEqual([]);
    expect(beyond.pagination).toEqual({ page: 9, pageCount: 3 });
  });
});

describe("a link to one reply opens the page that holds it", () => {
  it.each([
    [1, "", 1],
    [50, "", 50],
    [51, "?page=2", 51],
    [61, "?page=2", 61],
    [101, "?page=2", 101],
    [102, "?page=3", 102],
    [60, "", 60], // the accepted answer is on every page; its own is the first
  ])("reply %i is on %s", async (n, query, anchor) => {
    expect(await locateReply(null, replies[n - 1]!)).toBe(`${path}${query}#post-${replies[anchor - 1]}`);
  });

  it("counts only the replies the viewer sees: staff see deleted ones listed, others don't", async () => {
    const question = await createTestThread(asker, { kind: "question", title: "Another question" });
    const ids: number[] = [];
    for (let n = 1; n <= 52; n++) ids.push(await createTestReply(staff, question, `Answer ${n}`));
    await deleteContent(staff, { type: "post", id: ids[0]! }, "Spam");
    const last = ids[51]!;
    const questionPath = threadPath({ id: question, title: "Another question" });
    expect(await locateReply(null, last)).toBe(`${questionPath}?page=2#post-${last}`);
    expect(await locateReply(null, ids[50]!)).toBe(`${questionPath}#post-${ids[50]}`);
    expect(await locateReply(staff, ids[50]!)).toBe(`${questionPath}?page=2#post-${ids[50]}`);
    expect((await getThreadPage(question, null)).pagination.pageCount).toBe(2);
    expect((await getThreadPage(question, staff, 2)).replies.map((r) => r.id)).toEqual([ids[50], ids[51]]);
    expect((await getThreadPage(question, null, 2)).replies.map((r) => r.id)).toEqual([ids[51]]);
    // A deleted reply is a 404 for everyone but staff.
    expect(await statusOf(() => locateReply(null, ids[0]!))).toBe(404);
    expect(await locateReply(staff, ids[0]!)).toBe(`${questionPath}#post-${ids[0]}`);
  });

  it("an unknown reply is a 404", async () => {
    expect(await statusOf(() => locateReply(null, 9_999_999))).toBe(404);
  });
});

describe("the page number in a thread's URL", () => {
  const parse = (query: string) => parseReplyPage(new URL(`http://localhost/threads/1/x${query}`));
  it("is page 1 when missing, and ?page=1 is reported so it can go to the thread's one address", () => {
    expect(parse("")).toEqual({ page: 1, explicitFirst: false });
    expect(parse("?page=1")).toEqual({ page: 1, explicitFirst: true });
    expect(parse("?page=12")).toEqual({ page: 12, explicitFirst: false });
  });

  it.each(["?page=0", "?page=-1", "?page=two", "?page=1.5", "?page=", "?page=99999999", "?page=2&page=3", "?page=%00"])(
    "is a 400 for %s",
    async (query) => {
      expect(await statusOf(async () => parse(query))).toBe(400);
    },
  );
});
