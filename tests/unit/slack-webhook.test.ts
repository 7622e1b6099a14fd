import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deliverDueWebhooks } from "~/jobs/deliver-webhooks.server";
import { acceptIdea } from "~/models/idea.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { createWebhook } from "~/models/webhook.server";
import { slackMessage } from "~/utils/slack-message";
import { createTestThread, createTestUser } from "./factories";
import { restoreSettings, setSettings } from "./settings";

const received: string[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    received.push(body);
    res.end("ok");
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T000/B000/XXXX`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => setSettings({ WEBHOOK_ALLOW_PRIVATE: "1" }));
afterEach(() => restoreSettings());

describe("Slack-compatible notifications", () => {
  it("send new ideas, status changes and acceptance as Slack incoming-webhook messages", async () => {
    await getDb().deleteFrom("webhooks").execute();
    received.length = 0;
    const admin = await createTestUser({ role: "admin" });
    await createWebhook(admin, { url, events: ["idea.created", "idea.status_changed", "idea.co_designed"], format: "slack" });
    const author = await createTestUser({ username: "priya" });
    const staff = await createTestUser({ role: "staff" });
    await createTestThread(author, { kind: "question", title: "Not an idea" });
    const idea = await createTestThread(author, { kind: "idea", title: "Export <everything> & more" });
    await setIdeaStatus(staff, idea, { status: "under_review", note: "Looking at it" });
    await acceptIdea(staff, idea);

    expect(await deliverDueWebhooks(Date.now() + 1)).toMatchObject({ delivered: 3, failed: 0 });
    const texts = received.map((body) => (JSON.parse(body) as { text: string }).text);
    expect(texts[0]).toMatch(/^New idea from priya: <http:\/\/[^|]+\/threads\/\d+\/[^|]+\|Export &lt;everything&gt; &amp; more>/);
    expect(texts[1]).toContain("moved from Open to *Under review*");
    expect(texts[1]).toContain("> Looking at it");
    expect(texts[2]).toContain("was accepted as co-designed with priya");
    // Slack's format, not Cocreate's event envelope.
    expect(received.every((body) => !("event" in JSON.parse(body)))).toBe(true);
  });

  it("escapes what people typed, so a title cannot make a link or a mention", () => {
    const { text } = slackMessage(
      "thread.created",
      {
        thread: { title: "<!channel> <http://evil|click>", url: "https://forum.example/t/1", kind: "idea", product: "Ledger", author: "x" },
      },
      { name: "Forum", statusLabel: String },
    );
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt; &lt;http://evil|click&gt;");
  });
});
