import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getIdeaDetails } from "~/models/idea.server";
import { addStaffNote, listStaffNotes } from "~/models/staff-note.server";
import { createTestThread, createTestUser, statusOf } from "./factories";

async function ideaWithNote() {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea" });
  await addStaffNote(staff, threadId, "Finance asked for this **twice**.");
  return { author, staff, threadId };
}

describe("staff notes on an idea", () => {
  it.each(["staff", "admin"] as const)("are readable by %s", async (role) => {
    const { threadId } = await ideaWithNote();
    const reader = await createTestUser({ role });
    const notes = await listStaffNotes(reader, threadId);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.bodyHtml).toContain("<strong>twice</strong>");
    expect((await getIdeaDetails(reader, threadId)).staffNotes).toHaveLength(1);
  });

  it.each([
    ["the idea's author", "author"],
    ["another member", "member"],
    ["a suspended staff member", "suspended"],
    ["a visitor", "visitor"],
  ] as const)("are never readable by %s (403), and the idea page carries none", async (_who, who) => {
    const { author, threadId } = await ideaWithNote();
    const reader =
      who === "author"
        ? author
        : who === "member"
          ? await createTestUser()
          : who === "suspended"
            ? await createTestUser({ role: "staff", suspendedUntil: Date.now() + 3_600_000 })
            : null;
    expect(await statusOf(() => listStaffNotes(reader, threadId))).toBe(403);
    expect((await getIdeaDetails(reader, threadId)).staffNotes).toBeNull();
  });

  it("can't be written by a member (403), leaving no row", async () => {
    const { author, threadId } = await ideaWithNote();
    expect(await statusOf(() => addStaffNote(author, threadId, "Please prioritise!"))).toBe(403);
    const rows = await getDb().selectFrom("staff_notes").select("id").where("thread_id", "=", threadId).execute();
    expect(rows).toHaveLength(1);
  });
});
