import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { acceptIdea, creditCoDesigner, creditsByThread, listCredits, listParticipants, removeCoDesigner } from "~/models/idea.server";
import { getProfile } from "~/models/profile.server";
import { getThreadPage } from "~/models/thread.server";
import { createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

/** An idea whose author signed up after the person who replied (a lower user id must not put the replier first). */
async function ideaWithEarlierReplier() {
  const replier = await createTestUser();
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea", title: "Shared dashboards" });
  await createTestReply(replier, threadId, "Filters should carry over to the shared copy.");
  await getDb().updateTable("threads").set({ status: "under_review" }).where("id", "=", threadId).execute();
  return { replier, author, staff, threadId };
}

async function username(id: number) {
  return (await getDb().selectFrom("users").select("username").where("id", "=", id).executeTakeFirstOrThrow()).username;
}

describe("the idea's proposer comes first wherever credits are listed", () => {
  it("on the thread, the credits page, the roadmap/changelog lists and the API", async () => {
    const { replier, author, staff, threadId } = await ideaWithEarlierReplier();
    await acceptIdea(staff, threadId, [{ userId: replier.id, contribution: "Asked for filters to carry over" }]);
    const [authorName, replierName] = [await username(author.id), await username(replier.id)];

    expect((await getThreadPage(threadId, null)).coDesigners.map((c) => c.username)).toEqual([authorName, replierName]);
    expect((await listCredits(threadId)).map((c) => [c.username, c.proposer])).toEqual([
      [authorName, true],
      [replierName, false],
    ]);
    expect((await creditsByThread([threadId])).get(threadId)?.map((c) => c.username)).toEqual([authorName, replierName]);
  });

  it("after a later credit too", async () => {
    const { replier, author, staff, threadId } = await ideaWithEarlierReplier();
    await acceptIdea(staff, threadId);
    await creditCoDesigner(staff, threadId, { userId: replier.id, contribution: "Asked for filters to carry over" });
    expect((await listCredits(threadId)).map((c) => c.userId)).toEqual([author.id, replier.id]);
  });

  it("on a profile: the ideas the person proposed before those they helped shape", async () => {
    const person = await createTestUser();
    const other = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const own = await createTestThread(person, { kind: "idea", title: "Their own idea" });
    const helped = await createTestThread(other, { kind: "idea", title: "An idea they shaped" });
    await createTestReply(person, helped, "Here is how it should work.");
    await getDb().updateTable("threads").set({ status: "under_review" }).where("id", "in", [own, helped]).execute();
    await acceptIdea(staff, own);
    await acceptIdea(staff, helped, [{ userId: person.id, contribution: "Described how it should work" }]);

    const profile = await getProfile(await username(person.id), null);
    expect(profile.credits.map((c) => c.title)).toEqual(["Their own idea", "An idea they shaped"]);
  });
});

describe("the author's credit is fixed", () => {
  it("the participants list marks the author and puts them first", async () => {
    const { author, replier, threadId } = await ideaWithEarlierReplier();
    expect((await listParticipants(threadId)).map((p) => [p.id, p.proposer])).toEqual([
      [author.id, true],
      [replier.id, false],
    ]);
  });

  it("removing the author's credit is refused with 409 and keeps it", async () => {
    const { author, staff, threadId } = await ideaWithEarlierReplier();
    await acceptIdea(staff, threadId);
    expect(await statusOf(() => removeCoDesigner(staff, threadId, author.id))).toBe(409);
    expect((await listCredits(threadId)).map((c) => c.userId)).toEqual([author.id]);
  });
});
