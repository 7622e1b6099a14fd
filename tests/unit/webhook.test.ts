import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { acceptIdea } from "~/models/idea.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { verifyWebhookSignature } from "~/http/webhook-client.server";
import { deliverDueWebhooks } from "~/jobs/deliver-webhooks.server";
import { createWebhook, deleteWebhook, listDeliveries } from "~/models/webhook.server";
import { markAnswer } from "~/models/thread.server";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "~/jobs/retry.server";
import { createTestReply, createTestThread, createTestUser, statusOf } from "./factories";
import { restoreSettings, setSettings } from "./settings";

// A local receiver that records what it gets and answers with the next queued status.
type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
const answers: number[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = answers.shift() ?? 200;
    res.end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
// The receiver is on this machine: the documented setting for that (see app/http/outbound.server.ts).
beforeEach(() => setSettings({ WEBHOOK_ALLOW_PRIVATE: "1" }));
afterEach(() => restoreSettings());

async function admin() {
  return createTestUser({ role: "admin" });
}

async function secretOf(webhookId: number) {
  return (await getDb().selectFrom("webhooks").select("secret").where("id", "=", webhookId).executeTakeFirstOrThrow()).secret;
}

async function clearQueue() {
  await getDb().deleteFrom("webhook_deliveries").execute();
  await getDb().deleteFrom("webhooks").execute();
  received.length = 0;
  answers.length = 0;
}

describe("webhooks", () => {
  it("deliver signed JSON for the four events to a receiver that subscribed to them", async () => {
    await clearQueue();
    const owner = await admin();
    const hook = await createWebhook(owner, {
      url,
      events: ["thread.created", "answer.marked", "idea.status_changed", "idea.co_designed"],
    });
    const author = await createTestUser({ username: "hook-author" });
    const staff = await createTestUser({ role: "staff" });
    const question = await createTestThread(author, { kind: "question", title: "How do I export?" });
    const answer = await createTestReply(await createTestUser(), question);
    await markAnswer(author, question, answer);
    const idea = await createTestThread(author, { kind: "idea", title: "Dark mode" });
    await setIdeaStatus(staff, idea, { status: "under_review", note: "Looking" });
    await acceptIdea(staff, idea);

    expect(await deliverDueWebhooks(Date.now() + 1)).toEqual({ delivered: 5, retried: 0, failed: 0 });
    const secret = await secretOf(hook);
    const events = received.map((r) => {
      const signature = String(r.headers["x-cocreate-signature"]);
      const timestamp = String(r.headers["x-cocreate-timestamp"]);
      expect(verifyWebhookSignature(secret, timestamp, r.body, signature)).toBe(true);
      expect(verifyWebhookSignature(secret, timestamp, `${r.body} `, signature)).toBe(false);
      expect(verifyWebhookSignature(secret, String(Number(timestamp) + 1), r.body, signature)).toBe(false);
      expect(verifyWebhookSignature("whsec_wrong", timestamp, r.body, signature)).toBe(false);
      const payload = JSON.parse(r.body);
      expect(r.headers["x-cocreate-event"]).toBe(payload.event);
      return payload;
    });
    expect(events.map((e) => e.event)).toEqual([
      "thread.created",
      "answer.marked",
      "thread.created",
      "idea.status_changed",
      "idea.co_designed",
    ]);
    expect(events[0].data.thread).toMatchObject({ id: question, title: "How do I export?", kind: "question", author: "hook-author" });
    expect(events[0].data.thread.url).toMatch(new RegExp(`/threads/${question}/how-do-i-export$`));
    expect(events[1].data.answer.id).toBe(answer);
    expect(events[3].data).toMatchObject({ from: "open", to: "under_review", note: "Looking" });
    expect(events[4].data.coDesigners).toEqual([{ username: "hook-author", contribution: "Proposed the idea" }]);
  });

  it("tell receivers of idea.status_changed that a duplicate was merged, and into which idea", async () => {
    await clearQueue();
    await createWebhook(await admin(), { url, events: ["idea.status_changed"] });
    const author = await createTestUser();
    const duplicate = await createTestThread(author, { kind: "idea", title: "Dark mode again" });
    const kept = await createTestThread(author, { kind: "idea", title: "Dark mode" });
    await mergeIdea(await createTestUser({ role: "staff" }), duplicate, kept);
    expect(await deliverDueWebhooks(Date.now() + 1)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const payload = JSON.parse(received[0]!.body);
    expect(payload).toMatchObject({
      event: "idea.status_changed",
      data: { thread: { id: duplicate, status: "merged" }, from: "open", to: "merged", mergedIntoId: kept },
    });
  });

  it("only send the events a webhook chose", async () => {
    await clearQueue();
    await createWebhook(await admin(), { url, events: ["idea.status_changed"] });
    await createTestThread(await createTestUser(), { title: "Not sent" });
    expect(await deliverDueWebhooks(Date.now() + 1)).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });

  it("retry a failing receiver with growing delays, record each answer, then give up", async () => {
    await clearQueue();
    const owner = await admin();
    const hook = await createWebhook(owner, { url, events: ["thread.created"] });
    await createTestThread(await createTestUser());
    answers.push(...Array(MAX_ATTEMPTS).fill(500));
    let now = Date.now() + 1;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueWebhooks(now)).toEqual({ delivered: 0, retried: 1, failed: 0 });
      const [delivery] = (await listDeliveries(owner, hook)).deliveries;
      expect(delivery).toMatchObject({ status: "pending", attempts: attempt, responseStatus: 500, lastError: "HTTP 500" });
      expect(delivery?.nextAttemptAt).toBe(now + (RETRY_DELAYS_MS[attempt - 1] ?? 0));
      now = delivery!.nextAttemptAt;
    }
    expect(await deliverDueWebhooks(now)).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(received).toHaveLength(MAX_ATTEMPTS);
    // Every retry carried the same delivery id and payload.
    expect(new Set(received.map((r) => r.headers["x-cocreate-delivery"])).size).toBe(1);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
  });

  it("deliver after a retry once the receiver answers 2xx", async () => {
    await clearQueue();
    const owner = await admin();
    const hook = await createWebhook(owner, { url, events: ["thread.created"] });
    await createTestThread(await createTestUser());
    answers.push(503, 204);
    const now = Date.now() + 1;
    await deliverDueWebhooks(now);
    expect(await deliverDueWebhooks(now + (RETRY_DELAYS_MS[0] ?? 0))).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect((await listDeliveries(owner, hook)).deliveries[0]).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 204 });
  });

  it("are managed by admins only (403), and deleting one is audited", async () => {
    await clearQueue();
    const staff = await createTestUser({ role: "staff" });
    expect(await statusOf(() => createWebhook(staff, { url, events: ["thread.created"] }))).toBe(403);
    expect(await statusOf(() => createWebhook(null, { url, events: ["thread.created"] }))).toBe(403);
    const owner = await admin();
    const hook = await createWebhook(owner, { url, events: ["thread.created"] });
    expect(await statusOf(() => deleteWebhook(staff, hook))).toBe(403);
    expect(await statusOf(() => listDeliveries(staff, hook))).toBe(403);
    await deleteWebhook(owner, hook);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "webhook")
      .where("target_id", "=", hook)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["webhook.create", "webhook.delete"]);
  });
});
