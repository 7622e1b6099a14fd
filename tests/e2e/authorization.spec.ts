import { expect, test, type APIRequestContext } from "@playwright/test";
import { httpClient, locationOf, postForm, threadIdFrom, type Form } from "./http";

/**
 * The guards routes add on top of the models (requireStaff / requireAdmin):
 * for every staff and admin page, a visitor is sent to sign in, a member gets
 * 403 for the page and for its form posts, and only the right role gets in.
 * The model-level matrix is tests/unit/authorization.test.ts.
 */

type Who = "visitor" | "member" | "staff" | "admin";
const logins: Record<Exclude<Who, "visitor">, string> = {
  member: "member@example.com",
  staff: "staff@example.com",
  admin: "admin@example.com",
};

type Page = { path: string; level: "staff" | "admin"; post?: Form };

let clients: Record<Who, APIRequestContext>;
let pages: Page[];
let webhookId: number;

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL!;
  clients = {
    visitor: await httpClient(base),
    member: await httpClient(base, logins.member),
    staff: await httpClient(base, logins.staff),
    admin: await httpClient(base, logins.admin),
  };
  const ideas = await (await clients.visitor.get("/api/v1/threads?kind=idea&limit=1")).json();
  const ideaId: number = ideas.threads[0].id;
  const questions = await (await clients.visitor.get("/api/v1/threads?kind=question&limit=20")).json();
  const withReply = questions.threads.find((t: { replyCount: number }) => t.replyCount > 0);
  const { thread } = await (await clients.visitor.get(`/api/v1/threads/${withReply.id}`)).json();
  const postId: number = thread.replies[0].id;
  const products = await (await clients.admin.get("/admin/products")).text();
  const productId = /name="productId" value="(\d+)"/.exec(products)?.[1] ?? "1";
  // A webhook of our own whose page to guard; it only hears an event this suite never causes.
  const hook = await postForm(clients.admin, "/admin/webhooks", {
    intent: "create",
    url: "https://hooks.example.com/authorization-suite",
    events: "idea.co_designed",
  });
  webhookId = Number(/\/admin\/webhooks\/(\d+)/.exec(locationOf(hook))?.[1]);
  expect(webhookId).toBeGreaterThan(0);

  // What each page's form would do if the guard let it through.
  pages = [
    { path: "/admin", level: "admin" },
    { path: "/admin/products", level: "admin", post: { intent: "create", name: "Guarded", slug: "guarded", description: "" } },
    { path: `/admin/products/${productId}`, level: "admin", post: { name: "Taken over", slug: "taken-over", description: "" } },
    { path: "/admin/users", level: "admin", post: { intent: "role", userId: 1, role: "member" } },
    { path: "/admin/users", level: "admin", post: { intent: "unlink", issuer: "https://login.example.test", subject: "someone" } },
    { path: "/admin/settings", level: "admin", post: { siteName: "Taken over", siteDescription: "" } },
    {
      path: "/admin/webhooks",
      level: "admin",
      post: { intent: "create", url: "https://attacker.example.test/", events: "thread.created" },
    },
    { path: `/admin/webhooks/${webhookId}`, level: "admin" },
    { path: "/admin/tags", level: "staff", post: { intent: "create", name: "Guarded", slug: "guarded" } },
    { path: "/admin/flags", level: "staff", post: { intent: "dismiss", type: "post", id: postId } },
    { path: "/admin/audit", level: "staff" },
    { path: "/admin/success", level: "staff" },
    { path: "/admin/accounts", level: "staff", post: { intent: "create", name: "Guarded", slug: "guarded", arr: "1" } },
    { path: "/admin/accounts/1", level: "staff", post: { intent: "update", name: "Taken over", slug: "taken-over", arr: "1" } },
    { path: "/admin/accounts/export.csv", level: "staff" },
    { path: "/admin/demand", level: "staff" },
    { path: `/threads/${ideaId}/on-behalf`, level: "staff", post: { intent: "record", account: 1, useCase: "Taken over" } },
    { path: "/admin/success/at-risk", level: "staff" },
    // Another account's success ledger (the member is at Brightline in the demo seed): its own people and staff only.
    { path: "/accounts/northwind/success", level: "staff" },
    { path: "/users/jonas/suspend", level: "staff", post: { intent: "suspend", until: "2999-01-01", reason: "Taken over" } },
    { path: `/threads/${ideaId}/status`, level: "staff", post: { status: "declined", note: "Taken over" } },
    { path: `/threads/${ideaId}/credits`, level: "staff", post: { intent: "remove", userId: 1 } },
    { path: `/threads/${ideaId}/merge`, level: "staff", post: { targetId: withReply.id } },
    { path: `/threads/${ideaId}/staff-notes`, level: "staff", post: { body: "Taken over" } },
    { path: `/threads/${ideaId}/moderate`, level: "staff", post: { intent: "lock", reason: "Taken over" } },
    { path: `/posts/${postId}/moderate`, level: "staff", post: { intent: "hide", reason: "Taken over" } },
    { path: "/announcements/new", level: "staff", post: { product: "ledger", title: "Taken over announcement", body: "Taken over" } },
    { path: `/threads/${ideaId}/codesign`, level: "staff", post: { intent: "open" } },
  ];
});

test.afterAll(async () => {
  if (webhookId) await postForm(clients.admin, "/admin/webhooks", { intent: "delete", id: webhookId });
  for (const client of Object.values(clients ?? {})) await client.dispose();
});

test("every staff and admin page: a visitor signs in first, a member gets 403, only the right role gets in", async () => {
  let checks = 0;
  for (const page of pages) {
    const visitor = await clients.visitor.get(page.path, { maxRedirects: 0 });
    expect(visitor.status(), `visitor GET ${page.path}`).toBe(302);
    expect(locationOf(visitor), `visitor GET ${page.path}`).toBe(`/login?${new URLSearchParams({ redirectTo: page.path })}`);

    const member = await clients.member.get(page.path, { maxRedirects: 0 });
    expect(member.status(), `member GET ${page.path}`).toBe(403);

    const staff = await clients.staff.get(page.path, { maxRedirects: 0 });
    expect(staff.status(), `staff GET ${page.path}`).toBe(page.level === "staff" ? 200 : 403);

    const admin = await clients.admin.get(page.path, { maxRedirects: 0 });
    expect(admin.status(), `admin GET ${page.path}`).toBe(200);
    checks += 4;

    if (page.post) {
      const visitorPost = await postForm(clients.visitor, page.path, page.post);
      expect(visitorPost.status(), `visitor POST ${page.path}`).toBe(302);
      expect(locationOf(visitorPost), `visitor POST ${page.path}`).toMatch(/^\/login\?redirectTo=/);
      const memberPost = await postForm(clients.member, page.path, page.post);
      expect(memberPost.status(), `member POST ${page.path}`).toBe(403);
      checks += 2;
      if (page.level === "admin") {
        const staffPost = await postForm(clients.staff, page.path, page.post);
        expect(staffPost.status(), `staff POST ${page.path}`).toBe(403);
        checks += 1;
      }
    }
  }
  test.info().annotations.push({ type: "checks", description: `${pages.length} pages, ${checks} requests` });

  // Nothing the refused posts asked for happened.
  const settings = await (await clients.admin.get("/admin/settings")).text();
  expect(settings).not.toContain("Taken over");
  const jonas = await (await clients.visitor.get("/users/jonas")).text();
  expect(jonas).not.toContain("· suspended");
  expect(await (await clients.admin.get("/admin/webhooks")).text()).not.toContain("attacker.example.test");
  expect((await clients.member.get("/admin", { maxRedirects: 0 })).status()).toBe(403);
  expect(await (await clients.admin.get("/admin/accounts")).text()).not.toContain("Taken over");
});

test("a hidden idea shows nothing of itself to others, on any of its pages", async ({ baseURL }) => {
  const author = await httpClient(baseURL!, "priya@example.com");
  const other = await httpClient(baseURL!, "jonas@example.com");
  const title = `Guarded idea ${Date.now()}`;
  const created = await postForm(author, "/threads/new", {
    intent: "post",
    product: "relay",
    kind: "idea",
    title,
    body: "Retry webhooks from the dashboard.",
  });
  const id = threadIdFrom(created);
  const measure = `Measure of a guarded idea ${Date.now()}`;
  expect((await postForm(other, `/threads/${id}/measure`, { intent: "measure", measure })).status()).toBe(302);
  const reply = await postForm(other, `/threads/${id}`, { intent: "reply", body: `A reply in a guarded idea ${Date.now()}` });
  const postId = Number(/#post-(\d+)/.exec(locationOf(reply))?.[1]);
  expect(postId).toBeGreaterThan(0);
  expect((await postForm(clients.staff, `/threads/${id}/moderate`, { intent: "hide", reason: "spam" })).status()).toBe(302);

  const seenByVisitor = await (await clients.visitor.get(`/threads/${id}`)).text();
  expect(seenByVisitor).toContain("This post is hidden while staff review it.");
  expect(seenByVisitor).not.toContain(title);
  expect(seenByVisitor).not.toContain(measure);
  expect((await other.get(`/threads/${id}/measure`)).status()).toBe(404);
  expect((await other.get(`/threads/${id}/flag`)).status()).toBe(404);
  expect((await other.get(`/posts/${postId}/flag`)).status()).toBe(404);
  expect((await clients.visitor.get(`/posts/${postId}/history`)).status()).toBe(404);
  expect((await other.get(`/threads/${id}/history`)).status()).toBe(404);
  expect(await (await other.get("/products/relay")).text()).not.toContain(title);

  // Its author and staff still see it, wherever they meet it, marked hidden in lists.
  expect(await (await author.get(`/threads/${id}`)).text()).toContain(measure);
  expect(await (await author.get(`/threads/${id}/measure`)).text()).toContain(title);
  expect(await (await author.get(`/threads/${id}/history`)).text()).toContain(title);
  const authorsList = await (await author.get("/products/relay")).text();
  expect(authorsList).toContain(title);
  expect(authorsList).toContain('<span class="badge badge-hidden">Hidden</span>');
  expect(await (await clients.staff.get(`/threads/${id}`)).text()).toContain(measure);
  await author.dispose();
  await other.dispose();
});

test("hiding an earlier version is for staff: a visitor signs in first, a member gets 403 and the version stays", async ({ baseURL }) => {
  const author = await httpClient(baseURL!, "priya@example.com");
  const created = await postForm(author, "/threads/new", {
    intent: "post",
    product: "pulse",
    kind: "discussion",
    title: `Versions to guard ${Date.now()}`,
    body: "My first wording, with a phone number 555-0100.",
  });
  const id = threadIdFrom(created);
  const edited = await postForm(author, `/threads/${id}/edit`, { title: `Versions to guard ${Date.now()}`, body: "My second wording." });
  expect(edited.status()).toBe(302);
  const history = await (await clients.staff.get(`/threads/${id}/history`)).text();
  const revisionId = /name="revisionId" value="(\d+)"/.exec(history)?.[1];
  expect(revisionId).toBeTruthy();
  const hide = { intent: "hide-version", revisionId: revisionId! };

  const visitor = await postForm(clients.visitor, `/threads/${id}/history`, hide);
  expect(visitor.status()).toBe(302);
  expect(locationOf(visitor)).toMatch(/^\/login\?redirectTo=/);
  expect((await postForm(clients.member, `/threads/${id}/history`, hide)).status()).toBe(403);
  expect((await postForm(author, `/threads/${id}/history`, hide)).status()).toBe(403);
  expect(await (await clients.visitor.get(`/threads/${id}/history`)).text()).toContain("555-0100");

  expect((await postForm(clients.staff, `/threads/${id}/history`, hide)).status()).toBe(302);
  const seen = await (await clients.visitor.get(`/threads/${id}/history`)).text();
  expect(seen).not.toContain("555-0100");
  expect(seen).toContain("Staff hid this version.");
  await author.dispose();
});
