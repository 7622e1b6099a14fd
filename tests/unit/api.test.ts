import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createApiToken } from "~/models/api-token.server";
import { loader as productsLoader } from "~/routes/api.v1.products";
import { loader as threadsLoader } from "~/routes/api.v1.threads._index";
import { loader as threadLoader } from "~/routes/api.v1.threads.$id";
import { action as replyAction } from "~/routes/api.v1.threads.$id_.replies";
import { action as voteAction } from "~/routes/api.v1.threads.$id_.vote";
import { loader as roadmapLoader } from "~/routes/api.v1.roadmap";
import { createTestProduct, createTestReply, createTestThread, createTestUser, getThreadRow } from "./factories";

const base = "http://localhost/api/v1";
const get = (path: string) => new Request(`${base}${path}`);
const call = async (handler: (args: never) => Promise<Response>, request: Request, params: Record<string, string> = {}) => {
  const response = await handler({ request, params, context: {} } as never);
  return { status: response.status, body: await response.json(), headers: response.headers };
};

describe("the public JSON API", () => {
  it("lists products and threads with filters and a stable cursor, leaving hidden threads out", async () => {
    const productId = await createTestProduct({ slug: "api-product", name: "API product" });
    const author = await createTestUser();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await createTestThread(author, { productId, kind: i % 2 ? "idea" : "question", title: `API thread ${i}` }));
    await getDb().updateTable("threads").set({ hidden_at: Date.now() }).where("id", "=", ids[4]!).execute();

    const products = await call(productsLoader, get("/products"));
    expect(products.body.products.some((p: { slug: string }) => p.slug === "api-product")).toBe(true);

    const page1 = await call(threadsLoader, get("/threads?product=api-product&limit=2"));
    expect(page1.status).toBe(200);
    expect(page1.body.threads.map((t: { id: number }) => t.id)).toEqual([ids[3], ids[2]]);
    // A thread created between pages doesn't shift the next page.
    await createTestThread(author, { productId, title: "Arrived later" });
    const page2 = await call(threadsLoader, get(`/threads?product=api-product&limit=2&cursor=${page1.body.nextCursor}`));
    expect(page2.body.threads.map((t: { id: number }) => t.id)).toEqual([ids[1], ids[0]]);
    expect(page2.body.nextCursor).toBeNull();

    const ideas = await call(threadsLoader, get("/threads?product=api-product&kind=idea"));
    expect(ideas.body.threads.map((t: { id: number }) => t.id)).toEqual([ids[3], ids[1]]);
    expect(ideas.body.threads[0]).toMatchObject({ kind: "idea", status: "open", author: expect.any(String), product: "api-product" });
    expect(JSON.stringify(ideas.body)).not.toContain("@example.com");
  });

  it("answers bad filters and unknown ids with a JSON error and the right status", async () => {
    expect(await call(threadsLoader, get("/threads?kind=poem"))).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("kind") },
    });
    expect(await call(threadsLoader, get("/threads?limit=1000"))).toMatchObject({ status: 400 });
    expect(await call(threadsLoader, get("/threads?cursor=abc"))).toMatchObject({ status: 400 });
    expect(await call(threadsLoader, get("/threads?product=nope"))).toMatchObject({ status: 404 });
    expect(await call(threadLoader, get("/threads/999999"), { id: "999999" })).toMatchObject({ status: 404 });
    expect(await call(threadLoader, get("/threads/x"), { id: "x" })).toMatchObject({ status: 400 });
  });

  it("shows one thread with its visible replies only", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind: "question", title: "API question" });
    await createTestReply(await createTestUser(), threadId, "Visible answer");
    const hidden = await createTestReply(await createTestUser(), threadId, "Hidden spam");
    await getDb().updateTable("posts").set({ hidden_at: Date.now() }).where("id", "=", hidden).execute();
    const { body } = await call(threadLoader, get(`/threads/${threadId}`), { id: String(threadId) });
    expect(body.thread.title).toBe("API question");
    expect(body.thread.replies.map((r: { body: string }) => r.body)).toEqual(["Visible answer"]);
  });

  it("posts a reply and votes with a personal token, and refuses without one (401)", async () => {
    const member = await createTestUser();
    const token = await createApiToken(member, "bot");
    const threadId = await createTestThread(await createTestUser(), { kind: "idea" });
    const post = (path: string, body: unknown, auth = true, method = "POST") =>
      new Request(`${base}${path}`, {
        method,
        headers: { "Content-Type": "application/json", ...(auth ? { Authorization: `Bearer ${token}` } : {}) },
        body: method === "DELETE" ? undefined : JSON.stringify(body),
      });
    const params = { id: String(threadId) };

    expect(await call(replyAction, post(`/threads/${threadId}/replies`, { body: "Hi" }, false), params)).toMatchObject({ status: 401 });
    expect(await call(replyAction, post(`/threads/${threadId}/replies`, { body: "" }), params)).toMatchObject({ status: 400 });
    // A NUL character is dropped (PostgreSQL cannot store one), the rest is kept.
    const created = await call(replyAction, post(`/threads/${threadId}/replies`, { body: "Posted from\u0000 a script" }), params);
    expect(created.status).toBe(201);
    const reply = await getDb().selectFrom("posts").selectAll().where("id", "=", created.body.reply.id).executeTakeFirstOrThrow();
    expect(reply).toMatchObject({ author_id: member.id, body: "Posted from a script" });

    // The idea starts with its author's vote.
    expect(await call(voteAction, post(`/threads/${threadId}/vote`, {}), params)).toMatchObject({
      status: 200,
      body: { voted: true, voteCount: 2 },
    });
    expect(await call(voteAction, post(`/threads/${threadId}/vote`, {}), params)).toMatchObject({ status: 409 });
    expect(await call(voteAction, post(`/threads/${threadId}/vote`, {}, true, "DELETE"), params)).toMatchObject({ body: { voteCount: 1 } });
    expect((await getThreadRow(threadId)).vote_count).toBe(1);
  });

  it("serves the roadmap", async () => {
    const { status, body } = await call(roadmapLoader, get("/roadmap"));
    expect(status).toBe(200);
    expect(body).toEqual({ planned: expect.any(Array), inProgress: expect.any(Array), shipped: expect.any(Array) });
  });
});
