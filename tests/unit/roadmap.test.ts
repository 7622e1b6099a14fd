import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { listChangelog } from "~/models/changelog.server";
import { acceptIdea } from "~/models/idea.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { getRoadmap } from "~/models/roadmap.server";
import { createTestProduct, createTestThread, createTestUser } from "./factories";

async function ideaAt(status: "planned" | "in_progress" | "shipped", productId: number, title: string, note = "") {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea", productId, title });
  await setIdeaStatus(staff, threadId, { status: "under_review", note: "" });
  await acceptIdea(staff, threadId);
  if (status !== "in_progress") await setIdeaStatus(staff, threadId, { status: "planned", note: "Decided in review." });
  if (status !== "planned") await setIdeaStatus(staff, threadId, { status: "in_progress", note: "" });
  if (status === "shipped") await setIdeaStatus(staff, threadId, { status: "shipped", note: note || "Shipped." });
  return { threadId, author };
}

describe("the roadmap", () => {
  it("puts each idea in its column with its co-designers, filtered by product", async () => {
    const ledger = await createTestProduct();
    const pulse = await createTestProduct();
    const planned = await ideaAt("planned", ledger, "Roadmap planned idea");
    const building = await ideaAt("in_progress", ledger, "Roadmap building idea");
    const shipped = await ideaAt("shipped", ledger, "Roadmap shipped idea");
    const elsewhere = await ideaAt("planned", pulse, "Pulse planned idea");

    const roadmap = await getRoadmap({ productId: ledger });
    expect(roadmap.planned.map((i) => i.id)).toEqual([planned.threadId]);
    expect(roadmap.in_progress.map((i) => i.id)).toEqual([building.threadId]);
    expect(roadmap.shipped.map((i) => i.id)).toEqual([shipped.threadId]);
    expect(roadmap.planned[0]?.coDesigners.map((c) => c.username)).toHaveLength(1);
    expect(roadmap.planned[0]?.coDesignedAt).not.toBeNull();
    expect((await getRoadmap()).planned.map((i) => i.id)).toContain(elsewhere.threadId);
  });

  it("leaves out hidden, deleted and merged ideas, and ideas shipped long ago", async () => {
    const product = await createTestProduct();
    const hidden = await ideaAt("planned", product, "Hidden idea");
    const deleted = await ideaAt("planned", product, "Deleted idea");
    const old = await ideaAt("shipped", product, "Old shipped idea");
    await getDb().updateTable("threads").set({ hidden_at: Date.now() }).where("id", "=", hidden.threadId).execute();
    await getDb().updateTable("threads").set({ deleted_at: Date.now() }).where("id", "=", deleted.threadId).execute();
    await getDb()
      .updateTable("threads")
      .set({ status_changed_at: Date.now() - 400 * 86_400_000 })
      .where("id", "=", old.threadId)
      .execute();
    const roadmap = await getRoadmap({ productId: product });
    expect(roadmap.planned).toHaveLength(0);
    expect(roadmap.shipped).toHaveLength(0);
  });
});

describe("the changelog", () => {
  it("lists shipped ideas newest first with the release note and credits, page by page", async () => {
    const product = await createTestProduct();
    const first = await ideaAt("shipped", product, "First release", "Shipped **v1**.");
    const second = await ideaAt("shipped", product, "Second release", "Shipped v2.");
    await getDb().updateTable("threads").set({ status_changed_at: 1_000 }).where("id", "=", first.threadId).execute();
    await getDb().updateTable("threads").set({ status_changed_at: 2_000 }).where("id", "=", second.threadId).execute();

    const page1 = await listChangelog(null, 1);
    const mine = (ids: number[]) => ids.filter((id) => id === first.threadId || id === second.threadId);
    const all = await listChangelog(null, 100);
    expect(mine(all.entries.map((e) => e.id))).toEqual([second.threadId, first.threadId]);
    const entry = all.entries.find((e) => e.id === first.threadId);
    expect(entry?.releaseNoteHtml).toContain("<strong>v1</strong>");
    expect(entry?.coDesigners.map((c) => c.username)).toHaveLength(1);
    expect(page1.entries).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
  });
});
