import { expect, test, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { SIGNUP_PASSWORD } from "./helpers";
import { emailedLink } from "./mailbox";
import { httpClient, locationOf, postForm, threadIdFrom, type Form } from "./http";
import { xssBaseUrl } from "./playwright.config";
import { asUrlPath, payloads, type Payload } from "./xss-payloads";

/**
 * Every payload in xss-payloads.ts goes through every place a person's text
 * is stored, through the real forms over HTTP; then a real browser opens every
 * page that shows it and checks that nothing ran and nothing dangerous made it
 * into the DOM.
 *
 * The browser ignores the Content-Security-Policy (bypassCSP) so that an
 * injected script would really run: the CSP is a second line, and this suite
 * tests the first — escaping and sanitizing.
 */

test.describe.configure({ mode: "serial" });
// Its own server and database (playwright.config.ts): thousands of payloads change no page another spec checks.
test.use({ baseURL: xssBaseUrl });

const N = payloads.length;
const stamp = Date.now().toString(36);
const MEMBERS = ["priya@example.com", "jonas@example.com", "li-wei@example.com", "dana@example.com"] as const;

// ---- what was stored where --------------------------------------------------

const places = [
  "thread title",
  "thread body",
  "reply",
  "display name",
  "bio",
  "tag name",
  "search query",
  "flag note",
  "idea status note",
  "success measure",
  "verdict comment",
  "staff note",
  "API token name",
  "webhook URL",
  "account name",
  "use case",
  "announcement",
  "poll option",
  "group post",
] as const;
type Place = (typeof places)[number];
/** Per place: how many payloads were stored, which were refused (400), and which were stored only in an adapted form. */
const ledger = Object.fromEntries(places.map((p) => [p, { stored: 0, rejected: [] as string[], adapted: [] as string[] }])) as Record<
  Place,
  { stored: number; rejected: string[]; adapted: string[] }
>;
let pageChecks = 0;
let feedChecks = 0;

/** Counts a write: the expected success status, or a validation refusal (400) with the payload's id. Anything else fails. */
function record(place: Place, payload: Payload, response: APIResponse, ok = 302): boolean {
  if (response.status() === ok) {
    ledger[place].stored += 1;
    return true;
  }
  expect(response.status(), `${place} ← ${payload.id}: a refusal is a validation error, never a crash`).toBe(400);
  ledger[place].rejected.push(payload.id);
  return false;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function each<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

// ---- the browser side -----------------------------------------------------------

/** Runs before any page script: a payload that calls alert/confirm/prompt sets the flag instead of a dialog. */
function trap() {
  const flag = (how: string) => {
    (window as unknown as { __xss: string }).__xss = how;
  };
  window.alert = () => flag("alert");
  window.confirm = () => {
    flag("confirm");
    return false;
  };
  window.prompt = () => {
    flag("prompt");
    return null;
  };
}

/** Everything a payload could have left in the page, as a list of problems (empty when clean). */
function inspectDocument() {
  const problems: string[] = [];
  const describe = (el: Element) => el.outerHTML.slice(0, 160);
  // Browsers ignore whitespace, control and invisible characters in a URL's scheme; so do we.
  const squash = (value: string) =>
    // eslint-disable-next-line no-control-regex -- stripping control characters the way browsers do is the point
    value.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g, "").toLowerCase();
  const dangerous = (value: string) =>
    /^(javascript|vbscript|livescript|data:text\/html|data:image\/svg|data:application)/.test(squash(value));
  const urlAttributes = new Set([
    "href",
    "xlink:href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "dynsrc",
    "lowsrc",
    "codebase",
    "ping",
    "cite",
  ]);
  const main = document.querySelector("main");

  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`event handler attribute ${name}: ${describe(el)}`);
      if (name === "srcdoc") problems.push(`srcdoc: ${describe(el)}`);
      if (urlAttributes.has(name) && dangerous(attribute.value)) problems.push(`${name}="${attribute.value}": ${describe(el)}`);
    }
  }
  // Elements the app never renders anywhere.
  for (const el of Array.from(
    document.querySelectorAll("iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], portal"),
  )) {
    problems.push(`<${el.localName}> in the page: ${describe(el)}`);
  }
  // Inside the content, nothing that styles, links or scripts the page.
  for (const el of Array.from(main?.querySelectorAll("style, link, meta, [style], script:not([type='application/ld+json'])") ?? [])) {
    problems.push(`<${el.localName}> inside <main>: ${describe(el)}`);
  }
  // Every script is one of ours: it carries this response's nonce; structured data is intact JSON.
  const scripts = Array.from(document.scripts);
  const nonce = scripts[0]?.nonce ?? "";
  for (const script of scripts) {
    if (!script.nonce || script.nonce !== nonce) problems.push(`script without the page's nonce: ${describe(script)}`);
    if (script.type === "application/ld+json") {
      try {
        JSON.parse(script.textContent ?? "");
      } catch {
        problems.push(`JSON-LD that does not parse (broken out of?): ${describe(script)}`);
      }
    }
  }
  const flag = (window as unknown as { __xss?: unknown }).__xss;
  if (flag !== undefined) problems.push(`a payload ran: window.__xss = ${String(flag)}`);
  return { problems, text: main?.textContent ?? "", next: main?.querySelector("a[rel=next]")?.getAttribute("href") ?? null };
}

type Viewer = { name: string; origin: string; context: BrowserContext; pages: Page[]; dialogs: string[] };
type Target = { url: string; texts?: string[]; status?: number };

async function openViewer(browser: Browser, baseURL: string, name: string, signIn?: (request: APIRequestContext) => Promise<void>) {
  const context = await browser.newContext({ baseURL, bypassCSP: true, extraHTTPHeaders: { Origin: baseURL } });
  await context.addInitScript(trap);
  if (signIn) await signIn(context.request);
  const viewer: Viewer = { name, origin: new URL(baseURL).origin, context, pages: [], dialogs: [] };
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      viewer.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    viewer.pages.push(page);
  }
  return viewer;
}

/** Signs up a new member and confirms the emailed verification link, which signs them in (issue 16); returns their address. */
async function joinVerified(client: APIRequestContext, username: string): Promise<string> {
  const email = `${username}@example.test`;
  const joined = await postForm(client, "/signup", { username, email, password: SIGNUP_PASSWORD, redirectTo: "/" });
  expect(joined.status(), `sign-up of ${username}`).toBe(302);
  const token = new URL(await emailedLink(email, "/verify-email"), "http://link").searchParams.get("token")!;
  expect((await postForm(client, "/verify-email", { intent: "verify", token })).status(), `verifying ${username}`).toBe(302);
  return email;
}

const signInAs =
  (login: string, password = "cocreate-demo") =>
  async (request: APIRequestContext) => {
    const response = await request.post("/login", { form: { login, password, redirectTo: "/" }, maxRedirects: 0 });
    expect(response.status(), `signing in as ${login}`).toBe(302);
  };

/** Opens one page and checks it; returns the link to its next page, if any, and its text. */
async function checkPage(viewer: Viewer, page: Page, target: Target): Promise<{ next: string | null; text: string }> {
  const response = await page.goto(target.url, { waitUntil: "load" });
  expect.soft(response?.status(), `${viewer.name} ${target.url}`).toBe(target.status ?? 200);
  expect.soft(page.url().startsWith(viewer.origin), `${target.url} stayed on the site, now at ${page.url()}`).toBe(true);
  const result = await page.evaluate(inspectDocument);
  expect.soft(result.problems, `${viewer.name} ${target.url}`).toEqual([]);
  // The payload was rendered, as text: proves it reached the page and was not silently dropped.
  const text = collapse(result.text);
  const missing = (target.texts ?? []).filter((expected) => !text.includes(collapse(expected)));
  expect.soft(missing, `${viewer.name} ${target.url}: texts that should show as typed`).toEqual([]);
  pageChecks += 1;
  return { next: result.next, text };
}

async function checkPages(viewer: Viewer, targets: Target[]) {
  let next = 0;
  await Promise.all(
    viewer.pages.map(async (page) => {
      while (next < targets.length) await checkPage(viewer, page, targets[next++]!);
    }),
  );
  expect(viewer.dialogs, `${viewer.name}: dialogs opened`).toEqual([]);
}

/** Follows a paged list's "next" links from `url`, checking every page. */
async function checkPagedList(viewer: Viewer, url: string) {
  let current: string | null = url;
  let pagesSeen = 0;
  while (current && pagesSeen < 20) {
    current = (await checkPage(viewer, viewer.pages[0]!, { url: current })).next;
    pagesSeen += 1;
  }
  return pagesSeen;
}

/** Follows a thread's pages of replies from `url`, checking every page; the texts may be on any of them. */
async function checkPagedThread(viewer: Viewer, url: string, texts: string[] = []) {
  let current: string | null = url;
  let seen = "";
  for (let pages = 0; current && pages < 20; pages++) {
    const result = await checkPage(viewer, viewer.pages[0]!, { url: current });
    seen += ` ${result.text}`;
    current = result.next;
  }
  const missing = texts.filter((expected) => !seen.includes(collapse(expected)));
  expect.soft(missing, `${viewer.name} ${url} and its later pages: texts that should show as typed`).toEqual([]);
}

// ---- the data, written once -----------------------------------------------------

type Stored = { payload: Payload; id: number };
const world = {
  productSlug: `xss-lab-${stamp}`,
  threads: [] as { payload: Payload; id: number; titleStored: boolean; tag: { slug: string; name: string } | null }[],
  tags: [] as { payload: Payload; slug: string }[],
  repliesThread: 0,
  replies: [] as Stored[],
  guestbookThread: 0,
  people: [] as { payload: Payload; username: string; displayName: string | null; bio: string | null }[],
  ideas: [] as { id: number; payload: Payload; measures: string[]; comments: string[] }[],
  flagNotes: [] as string[],
  webhooks: [] as Stored[],
  webhookUrls: [] as string[],
  accounts: [] as Stored[],
  accountNames: [] as string[],
  useCases: [] as string[],
};
let clients: Record<"admin" | "staff" | "visitor" | (typeof MEMBERS)[number], APIRequestContext>;

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL!;
  clients = {
    visitor: await httpClient(base),
    admin: await httpClient(base, "admin@example.com"),
    staff: await httpClient(base, "staff@example.com"),
    ...(Object.fromEntries(await Promise.all(MEMBERS.map(async (m) => [m, await httpClient(base, m)]))) as Record<
      (typeof MEMBERS)[number],
      APIRequestContext
    >),
  };
});

test.afterAll(async () => {
  // Webhooks would otherwise try to deliver to hosts that don't exist.
  if (clients) {
    await each(world.webhooks, 6, async ({ id }) => {
      await postForm(clients.admin, "/admin/webhooks", { intent: "delete", id });
    });
    for (const client of Object.values(clients)) await client.dispose();
  }
  const rows = places.map((p) => {
    const { stored, rejected, adapted } = ledger[p];
    const note = adapted.length ? ` (${adapted.length} of them with whitespace → "/", a URL holds none)` : "";
    return `  ${p.padEnd(17)} ${String(stored).padStart(4)} ${p === "search query" ? "searched" : "stored"}${note}, ${rejected.length} refused${rejected.length ? `: ${rejected.join(", ")}` : ""}`;
  });
  console.log(
    [
      `XSS suite: ${N} payloads × ${places.length} places (+ usernames, refused at sign-up)`,
      ...rows,
      `  ${pageChecks} page checks in the browser, ${feedChecks} feed/sitemap documents parsed`,
    ].join("\n"),
  );
});

test("sign-up refuses every payload as a username, with a message", async () => {
  let refused = 0;
  await each(payloads, 6, async (payload, i) => {
    const response = await postForm(clients.visitor, "/signup", {
      username: payload.text,
      email: `xss-username-${stamp}-${i}@example.test`,
      password: SIGNUP_PASSWORD,
      redirectTo: "/",
    });
    expect(response.status(), payload.id).toBe(400);
    expect(await response.text(), payload.id).toContain("Use 3–30 characters: lowercase letters, digits, dashes or underscores.");
    refused += 1;
  });
  expect(refused).toBe(N);
});

test("stores every payload through the real forms", async ({ baseURL }) => {
  // 156 new members each wait for their verification email (issue 16); account emails go out ahead of notifications.
  test.setTimeout(240_000);
  const { admin, staff } = clients;
  const dana = clients["dana@example.com"];
  const jonas = clients["jonas@example.com"];
  const liWei = clients["li-wei@example.com"];

  expect(
    (
      await postForm(admin, "/admin/products", {
        intent: "create",
        name: `XSS lab ${stamp}`,
        slug: world.productSlug,
        description: "Where the XSS suite keeps its payloads.",
      })
    ).status(),
  ).toBe(302);

  // Tag names (staff), then the ids the new-thread form needs.
  await each(payloads, 6, async (payload, i) => {
    const slug = `xss-${stamp}-${i}`;
    if (record("tag name", payload, await postForm(staff, "/admin/tags", { intent: "create", name: payload.text, slug }))) {
      world.tags.push({ payload, slug });
    }
  });
  const adminTags = await (await staff.get("/admin/tags")).text();
  const tagIds = new Map<string, string>();
  for (const match of adminTags.matchAll(/href="\/tags\/(xss-[a-z0-9]+-\d+)"[\s\S]*?name="tagId" value="(\d+)"/g))
    tagIds.set(match[1]!, match[2]!);

  // Thread titles, bodies and tags (a trusted member), one thread per payload.
  await each(payloads, 6, async (payload, i) => {
    const tag = world.tags.find((t) => t.payload === payload) ?? null;
    const form: Form = { intent: "post", product: world.productSlug, kind: "discussion", title: payload.text, body: payload.text };
    if (tag) form.tags = tagIds.get(tag.slug)!;
    let response = await postForm(dana, "/threads/new", form);
    const titleStored = record("thread title", payload, response);
    if (!titleStored) response = await postForm(dana, "/threads/new", { ...form, title: `XSS body ${i}` });
    record("thread body", payload, response);
    world.threads.push({ payload, id: threadIdFrom(response), titleStored, tag: tag && { slug: tag.slug, name: payload.text.trim() } });
  });
  world.threads.sort((a, b) => a.id - b.id);

  // Replies, all on one question.
  world.repliesThread = threadIdFrom(
    await postForm(dana, "/threads/new", {
      intent: "post",
      product: world.productSlug,
      kind: "question",
      title: `XSS replies ${stamp}`,
      body: "Every reply below is a payload.",
    }),
  );
  await each(payloads, 6, async (payload) => {
    const response = await postForm(liWei, `/threads/${world.repliesThread}`, { intent: "reply", body: payload.text });
    if (record("reply", payload, response)) world.replies.push({ payload, id: Number(/#post-(\d+)/.exec(locationOf(response))?.[1]) });
  });

  // Flag notes, shown to staff in the queue.
  await each(world.threads, 6, async ({ payload, id }) => {
    if (record("flag note", payload, await postForm(jonas, `/threads/${id}/flag`, { reason: "other", note: payload.text }))) {
      world.flagNotes.push(payload.text.trim());
    }
  });

  // Display names and bios: one new member per payload, who then signs the guestbook thread.
  world.guestbookThread = threadIdFrom(
    await postForm(dana, "/threads/new", {
      intent: "post",
      product: world.productSlug,
      kind: "discussion",
      title: `XSS guestbook ${stamp}`,
      body: "New members sign below.",
    }),
  );
  await each(payloads, 6, async (payload, i) => {
    const username = `xss-${stamp}-${i}`;
    const person = await httpClient(baseURL!);
    const email = await joinVerified(person, username);
    const bio = record(
      "bio",
      payload,
      await postForm(person, "/settings", { intent: "profile", displayName: "", bio: payload.text, email }),
    );
    const named = record(
      "display name",
      payload,
      await postForm(person, "/settings", { intent: "profile", displayName: payload.text, bio: bio ? payload.text : "", email }),
    );
    expect(
      (await postForm(person, `/threads/${world.guestbookThread}`, { intent: "reply", body: "Signing the guestbook." })).status(),
    ).toBe(302);
    world.people.push({ payload, username, displayName: named ? payload.text.trim() : null, bio: bio ? payload.text.trim() : null });
    await person.dispose();
  });

  // Ideas: four payloads per idea for status notes, measures, verdict comments and staff notes.
  const ideaCount = Math.ceil(N / 4);
  const memberClients = MEMBERS.map((m) => clients[m]);
  await each(
    Array.from({ length: ideaCount }, (_, k) => k),
    4,
    async (k) => {
      const payload = payloads[k]!;
      const id = threadIdFrom(
        await postForm(dana, "/threads/new", {
          intent: "post",
          product: world.productSlug,
          kind: "idea",
          title: payload.text,
          body: payload.text,
        }),
      );
      const mine = (j: number) => payloads[4 * k + j];
      const idea = { id, payload, measures: [] as string[], comments: [] as string[] };
      for (const [m, member] of memberClients.entries()) {
        const p = mine(m);
        if (!p) continue;
        if (record("success measure", p, await postForm(member, `/threads/${id}/measure`, { intent: "measure", measure: p.text }))) {
          idea.measures.push(p.text.trim());
        } else {
          // Too short to be a measure: a plain one still lets the member give the verdict below.
          expect(
            (
              await postForm(member, `/threads/${id}/measure`, { intent: "measure", measure: `Measure ${k}.${m} of the XSS suite` })
            ).status(),
          ).toBe(302);
        }
      }
      for (const [j, status] of (["under_review", "planned", "in_progress", "shipped"] as const).entries()) {
        const p = mine(j);
        const plainNote = { status, note: `Decided: ${status}.` };
        const response = await postForm(staff, `/threads/${id}/status`, p ? { status, note: p.text } : plainNote);
        // Planning and shipping need a note: one the payload could not be is written plainly, so the idea moves on.
        if (!p || !record("idea status note", p, response)) {
          expect((p ? await postForm(staff, `/threads/${id}/status`, plainNote) : response).status()).toBe(302);
        }
      }
      for (const [m, member] of memberClients.entries()) {
        const p = mine(m);
        if (!p) continue;
        if (
          record(
            "verdict comment",
            p,
            await postForm(member, `/threads/${id}/measure`, { intent: "verdict", verdict: "partly", comment: p.text }),
          )
        ) {
          idea.comments.push(p.text.trim());
        }
      }
      for (let j = 0; j < 4; j++) {
        const p = mine(j);
        if (p) record("staff note", p, await postForm(staff, `/threads/${id}/staff-notes`, { body: p.text }));
      }
      world.ideas.push(idea);
    },
  );
  world.ideas.sort((a, b) => a.id - b.id);

  // Customer account names (staff), each quoted on the first payload idea with the payload as its use case.
  const quoted = world.ideas[0]!.id;
  await each(payloads, 6, async (payload, i) => {
    const response = await postForm(staff, "/admin/accounts", {
      intent: "create",
      name: payload.text,
      slug: `xss-${stamp}-${i}`,
      isPublic: "on",
    });
    if (!record("account name", payload, response)) return;
    const account = Number(/\/admin\/accounts\/(\d+)/.exec(locationOf(response))?.[1]);
    world.accounts.push({ payload, id: account });
    world.accountNames.push(payload.text.trim());
    const recorded = await postForm(staff, `/threads/${quoted}/on-behalf`, { intent: "record", account, useCase: payload.text });
    if (record("use case", payload, recorded)) world.useCases.push(payload.text.trim());
  });

  // Webhook URLs (admins): the payload as the URL's path, or, where it has whitespace a URL can't hold, with "/" for it.
  await each(payloads, 6, async (payload) => {
    const form = { intent: "create", url: `https://hooks.example.test/${payload.text}`, events: "idea.co_designed" };
    let response = await postForm(admin, "/admin/webhooks", form);
    if (response.status() === 400) {
      ledger["webhook URL"].adapted.push(payload.id);
      form.url = `https://hooks.example.test/${asUrlPath(payload.text)}`;
      response = await postForm(admin, "/admin/webhooks", form);
    }
    if (record("webhook URL", payload, response)) {
      world.webhooks.push({ payload, id: Number(/\/admin\/webhooks\/(\d+)/.exec(locationOf(response))?.[1]) });
      world.webhookUrls.push(form.url);
    }
  });

  for (const place of [
    "thread title",
    "thread body",
    "reply",
    "display name",
    "bio",
    "tag name",
    "flag note",
    "idea status note",
    "success measure",
    "verdict comment",
    "staff note",
    "webhook URL",
    "account name",
    "use case",
  ] as const) {
    expect(ledger[place].stored, `most payloads are stored as ${place}`).toBeGreaterThan(ledger[place].rejected.length);
  }
});

test("thread pages: title, body, tag and author of every payload thread, the replies and the guestbook", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const visitor = await openViewer(browser, baseURL!, "visitor");
  await checkPages(visitor, [
    ...world.threads.map((t) => ({
      url: `/threads/${t.id}`,
      texts: [...(t.titleStored ? [t.payload.text.trim()] : []), ...(t.tag ? [`#${t.tag.name}`] : [])],
    })),
  ]);
  // Replies come 50 to a page.
  await checkPagedThread(visitor, `/threads/${world.repliesThread}`);
  await checkPagedThread(
    visitor,
    `/threads/${world.guestbookThread}`,
    world.people.flatMap((p) => (p.displayName ? [p.displayName] : [])),
  );
  await visitor.context.close();
});

test("idea pages (staff view): timelines, measures, verdicts and staff notes", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const staff = await openViewer(browser, baseURL!, "staff", signInAs("staff@example.com"));
  await checkPages(staff, [
    ...world.ideas.map((idea) => ({ url: `/threads/${idea.id}`, texts: [...idea.measures, ...idea.comments] })),
    ...world.ideas.slice(0, 5).map((idea) => ({ url: `/threads/${idea.id}/staff-notes` })),
    ...world.ideas.slice(0, 5).map((idea) => ({ url: `/threads/${idea.id}/status` })),
    ...world.ideas.slice(0, 5).map((idea) => ({ url: `/threads/${idea.id}/measure`, texts: idea.measures })),
  ]);
  await staff.context.close();
});

test("lists: home, the product's pages, tags, roadmap, changelog, a profile and notifications", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const visitor = await openViewer(browser, baseURL!, "visitor");
  const productPages = await checkPagedList(visitor, `/products/${world.productSlug}`);
  expect(productPages).toBeGreaterThan(N / 25);
  await checkPagedList(visitor, "/changelog");
  await checkPages(visitor, [
    { url: "/" },
    { url: "/roadmap" },
    { url: "/tags", texts: world.tags.map((t) => `#${t.payload.text.trim()}`) },
    ...world.tags.map((t) => ({ url: `/tags/${t.slug}`, texts: [t.payload.text.trim()] })),
    { url: "/users/dana" },
    { url: "/users/li-wei" },
  ]);
  await visitor.context.close();

  const dana = await openViewer(browser, baseURL!, "dana", signInAs("dana@example.com"));
  await checkPages(dana, [
    { url: "/notifications" },
    // The edit form gives the author's own text back inside an input and a textarea.
    ...world.threads
      .filter((t) => /<\/(textarea|title|script|style|noscript)/i.test(t.payload.text))
      .map((t) => ({ url: `/threads/${t.id}/edit` })),
  ]);
  await dana.context.close();
});

test("profiles: every payload display name and bio", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const visitor = await openViewer(browser, baseURL!, "visitor");
  await checkPages(
    visitor,
    world.people.map((p) => ({
      url: `/users/${p.username}`,
      texts: [...(p.displayName ? [p.displayName] : []), ...(p.bio ? [p.bio] : [])],
    })),
  );
  await visitor.context.close();
  const admin = await openViewer(browser, baseURL!, "admin", signInAs("admin@example.com"));
  await checkPages(
    admin,
    Array.from({ length: Math.ceil(N / 25) + 1 }, (_, i) => ({ url: `/admin/users?page=${i + 1}` })),
  );
  await admin.context.close();
});

test("search: every payload as the query, and payload threads in the results", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const visitor = await openViewer(browser, baseURL!, "visitor");
  await checkPages(
    visitor,
    payloads.map((p) => {
      ledger["search query"].stored += 1;
      // eslint-disable-next-line no-control-regex -- stripping control characters the way browsers do is the point
      const shown = collapse(p.text.replace(/[\u0000-\u001f\u007f]+/g, " ")).slice(0, 200);
      return { url: `/search?${new URLSearchParams({ q: p.text })}`, texts: shown ? [shown] : [] };
    }),
  );
  await visitor.context.close();
});

test("staff and admin pages: flags, tags, success dashboard, webhooks, audit log, customer accounts and their quotes", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const staff = await openViewer(browser, baseURL!, "staff", signInAs("staff@example.com"));
  await checkPages(staff, [
    { url: "/admin/flags", texts: world.flagNotes },
    { url: "/admin/tags", texts: world.tags.map((t) => `#${t.payload.text.trim()}`) },
    { url: "/admin/success", texts: world.ideas.flatMap((idea) => [...idea.measures, ...idea.comments]) },
    { url: "/admin/audit" },
    { url: "/admin/accounts" },
    { url: "/admin/demand" },
    { url: `/threads/${world.ideas[0]!.id}`, texts: [...world.accountNames, ...world.useCases] },
    { url: `/threads/${world.ideas[0]!.id}/on-behalf`, texts: world.useCases },
    ...world.accounts.slice(0, 12).map(({ id, payload }) => ({ url: `/admin/accounts/${id}`, texts: [payload.text.trim()] })),
  ]);
  await staff.context.close();
  const admin = await openViewer(browser, baseURL!, "admin", signInAs("admin@example.com"));
  await checkPages(admin, [
    { url: "/admin/webhooks", texts: world.webhookUrls },
    ...world.webhooks.map(({ id }, i) => ({ url: `/admin/webhooks/${id}`, texts: [world.webhookUrls[i]!] })),
    { url: "/admin/audit" },
    { url: "/admin/audit?action=webhook.create" },
  ]);
  await admin.context.close();
});

test("API token names, twenty at a time, on /settings/tokens", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const username = `xss-tokens-${stamp}`;
  const owner = await openViewer(browser, baseURL!, "token owner", async (request) => {
    await joinVerified(request, username);
  });
  const request = owner.context.request;
  for (let start = 0; start < N; start += 20) {
    const batch = payloads.slice(start, start + 20);
    const names: string[] = [];
    for (const payload of batch) {
      const response = await request.post("/settings/tokens", { form: { intent: "create", name: payload.text }, maxRedirects: 0 });
      if (record("API token name", payload, response, 200)) names.push(payload.text.trim());
    }
    await checkPage(owner, owner.pages[0]!, { url: "/settings/tokens", texts: names });
    const html = await (await request.get("/settings/tokens")).text();
    for (const [, id] of html.matchAll(/name="id" value="(\d+)"/g)) {
      expect((await request.post("/settings/tokens", { form: { intent: "revoke", id: id! }, maxRedirects: 0 })).status()).toBe(200);
    }
  }
  expect(ledger["API token name"].stored).toBeGreaterThan(ledger["API token name"].rejected.length);

  // The settings form shows a person's own text back in an input and a textarea.
  const closing = payloads.find((p) => p.id === "close-textarea")!.text;
  const saved = await request.post("/settings", {
    form: { intent: "profile", displayName: closing, bio: closing, email: `${username}@example.test` },
    maxRedirects: 0,
  });
  expect(saved.status()).toBe(302);
  await checkPages(owner, [{ url: "/settings", texts: [] }]);
  await owner.context.close();
});

test("feeds and sitemaps parse as XML and carry the payloads as escaped text", async ({ browser, baseURL }) => {
  const visitor = await openViewer(browser, baseURL!, "visitor");
  const page = visitor.pages[0]!;
  const titles = new Set(world.threads.filter((t) => t.titleStored).map((t) => collapse(t.payload.text)));
  const sitemap = await (await visitor.context.request.get("/sitemap.xml")).text();
  const sitemapFiles = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const documents = ["/feed.xml", `/products/${world.productSlug}/feed.xml`, "/changelog/feed.xml", "/sitemap.xml", ...sitemapFiles];
  for (const path of documents) {
    const response = await visitor.context.request.get(path);
    expect(response.status(), path).toBe(200);
    const xml = await response.text();
    const result = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "application/xml");
      const error = doc.querySelector("parsererror")?.textContent ?? null;
      const problems: string[] = [];
      const titles: string[] = [];
      for (const entry of Array.from(doc.getElementsByTagName("entry"))) {
        const title = entry.getElementsByTagName("title")[0];
        // type="html": the text is HTML; once parsed, it must be just text, exactly as typed.
        const html = new DOMParser().parseFromString(title?.textContent ?? "", "text/html");
        if (html.body.children.length > 0) problems.push(`markup in a title: ${title?.textContent}`);
        titles.push(html.body.textContent ?? "");
        for (const part of ["content", "summary"]) {
          const body = entry.getElementsByTagName(part)[0]?.textContent ?? "";
          const content = new DOMParser().parseFromString(body, "text/html");
          for (const el of Array.from(content.querySelectorAll("*"))) {
            for (const attribute of Array.from(el.attributes)) {
              // eslint-disable-next-line no-control-regex -- stripping control characters the way browsers do is the point
              const value = attribute.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
              if (attribute.name.startsWith("on")) problems.push(`${part}: ${el.outerHTML.slice(0, 120)}`);
              if (/^(javascript|vbscript|data:text\/html)/.test(value)) problems.push(`${part}: ${el.outerHTML.slice(0, 120)}`);
            }
          }
          for (const el of Array.from(content.querySelectorAll("script, iframe, object, embed, style, base, meta, form"))) {
            problems.push(`${part}: <${el.localName}>`);
          }
        }
      }
      return { error, problems, titles };
    }, xml);
    feedChecks += 1;
    expect.soft(result.error, `${path} parses as XML`).toBeNull();
    expect.soft(result.problems, path).toEqual([]);
    if (path === `/products/${world.productSlug}/feed.xml`) {
      const fromPayloads = result.titles.map(collapse).filter((t) => titles.has(t));
      expect.soft(fromPayloads.length, `${path}: payload titles read back exactly as typed`).toBeGreaterThan(20);
    }
  }
  await visitor.context.close();
});

test("edit history: every thread's text as typed, and earlier versions of edited threads and replies", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const dana = clients["dana@example.com"];
  const liWei = clients["li-wei@example.com"];
  // Twenty threads and replies get a second version (another payload): the first becomes an earlier version.
  const edited = world.threads.slice(0, 20);
  await each(edited, 4, async (thread, i) => {
    const next = payloads[(i + 1) % N]!;
    const response = await postForm(dana, `/threads/${thread.id}/edit`, { title: next.text, body: next.text });
    expect(response.status(), `editing thread ${thread.id}`).toBe(302);
  });
  await each(world.replies.slice(0, 20), 4, async (reply, i) => {
    const response = await postForm(liWei, `/posts/${reply.id}/edit`, { body: payloads[(i + 7) % N]!.text });
    expect(response.status(), `editing reply ${reply.id}`).toBe(302);
  });
  const visitor = await openViewer(browser, baseURL!, "visitor");
  await checkPages(visitor, [
    ...world.threads.map((t, i) => ({
      url: `/threads/${t.id}/history`,
      texts: i < edited.length ? [t.payload.text, payloads[(i + 1) % N]!.text] : [t.payload.text],
    })),
    ...world.replies.slice(0, 20).map((r, i) => ({ url: `/posts/${r.id}/history`, texts: [r.payload.text, payloads[(i + 7) % N]!.text] })),
  ]);
  await visitor.context.close();
});

test("the editor: every payload as a restored draft, a quote, an image's file name and a preview (with and without JavaScript)", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const dana = clients["dana@example.com"];
  const asEditor = { "X-Requested-With": "editor" };
  // A text area shows its text as one piece: every payload at once, in one draft and one quoted post.
  const all = payloads.map((p) => p.text).join("\n\n");
  const quoted = threadIdFrom(
    await postForm(dana, "/threads/new", {
      intent: "post",
      product: world.productSlug,
      kind: "discussion",
      title: `XSS quotes ${stamp}`,
      body: all,
    }),
  );
  const drafted = await dana.post("/drafts", { form: { intent: "save-draft", draft: `reply:${quoted}`, body: all }, headers: asEditor });
  expect(drafted.status()).toBe(200);
  // Images: one uploaded under each payload as its file name; the alt text comes from the name.
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#888" } })
    .png()
    .toBuffer();
  const images: string[] = [];
  await each(payloads, 6, async (payload) => {
    const response = await dana.post("/uploads", {
      multipart: { image: { name: `${payload.text}.png`, mimeType: "image/png", buffer: png } },
      headers: asEditor,
    });
    expect([200, 400], `upload named ${payload.id}`).toContain(response.status());
    if (response.status() === 200) images.push(((await response.json()) as { markdown: string }).markdown);
  });
  expect(images.length).toBeGreaterThan(N / 2);
  const imageThread = threadIdFrom(
    await postForm(dana, "/threads/new", {
      intent: "post",
      product: world.productSlug,
      kind: "discussion",
      title: `XSS image names ${stamp}`,
      // Trusted members have no link limit; the body limit allows this many.
      body: images.join("\n"),
    }),
  );
  const viewer = await openViewer(browser, baseURL!, "dana", signInAs("dana@example.com"));
  // The draft restored, then the whole post quoted after it, in the reply form.
  await checkPages(viewer, [{ url: `/threads/${quoted}?quote=thread` }, { url: `/threads/${imageThread}` }]);
  const page = viewer.pages[0]!;
  await page.goto(`/threads/${quoted}?quote=thread`);
  const reply = page.getByRole("textbox", { name: "Reply" });
  const restored = await reply.inputValue();
  expect(restored.startsWith(`${all.trimEnd()}\n\n> **@dana** [wrote](/threads/${quoted}/`)).toBe(true);

  // Preview: every payload at once, as it would be posted.
  await page.goto(`/threads/${world.guestbookThread}`);
  await reply.fill(all);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).locator(".markdown")).toBeVisible();
  expect((await page.evaluate(inspectDocument)).problems, "preview with JavaScript").toEqual([]);
  // Without JavaScript the form is posted and the page comes back with the preview: that page, minus the app's own scripts.
  const answered = await dana.post(`/threads/${world.guestbookThread}`, {
    form: { intent: "preview", "preview-field": "body", body: all },
  });
  expect(answered.status()).toBe(200);
  const html = (await answered.text())
    .replace(/<script nonce="[^"]*"[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<link rel="modulepreload"[^>]*>/g, "");
  expect(html).toContain('aria-label="Preview"');
  await page.route("**/xss-preview-without-javascript", (route) => route.fulfill({ body: html, contentType: "text/html" }));
  await page.goto("/xss-preview-without-javascript");
  expect((await page.evaluate(inspectDocument)).problems, "preview without JavaScript").toEqual([]);
  expect(viewer.dialogs).toEqual([]);
  await viewer.context.close();
});

test("announcements, poll options and a co-design group's private posts (issue 21)", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const { staff } = clients;
  const dana = clients["dana@example.com"];
  // Announcements: the payload as the body (titles are checked above), pinned over the lab's product.
  const announcements: number[] = [];
  await each(payloads, 6, async (payload, i) => {
    const response = await postForm(staff, "/announcements/new", {
      product: world.productSlug,
      title: `XSS announcement ${stamp} ${i}`,
      body: payload.text,
      repliesOn: "on",
    });
    if (record("announcement", payload, response)) announcements.push(threadIdFrom(response));
  });
  // Poll options: one poll per payload, the payload beside a plain option.
  const polls: { id: number; label: string }[] = [];
  await each(payloads, 6, async (payload, i) => {
    const id = threadIdFrom(
      await postForm(dana, "/threads/new", {
        intent: "post",
        product: world.productSlug,
        kind: "question",
        title: `XSS poll ${i}`,
        body: "Vote.",
      }),
    );
    const response = await postForm(dana, `/threads/${id}/poll`, { options: `${payload.text}\nA plain option`, results: "after_vote" });
    if (record("poll option", payload, response)) polls.push({ id, label: payload.text.split(/\r?\n/)[0]!.trim() });
  });
  // A co-design group on a planned idea: Dana joins and posts every payload in its private discussion.
  const idea = threadIdFrom(
    await postForm(dana, "/threads/new", {
      intent: "post",
      product: world.productSlug,
      kind: "idea",
      title: `XSS group ${stamp}`,
      body: "Idea.",
    }),
  );
  expect((await postForm(staff, `/threads/${idea}/status`, { status: "planned", note: "Planned." })).status()).toBe(302);
  expect((await postForm(staff, `/threads/${idea}/codesign`, { intent: "open" })).status()).toBe(302);
  expect((await postForm(staff, `/threads/${idea}/codesign`, { intent: "invite", usernames: "dana" })).status()).toBe(302);
  expect((await postForm(dana, `/threads/${idea}/codesign`, { intent: "join", showName: "on" })).status()).toBe(302);
  const discussion = Number(
    /href="\/threads\/(\d+)\/co-design-group/.exec(await (await staff.get(`/threads/${idea}/codesign`)).text())?.[1],
  );
  expect(discussion).toBeGreaterThan(0);
  await each(payloads, 6, async (payload) => {
    record("group post", payload, await postForm(dana, `/threads/${discussion}`, { intent: "reply", body: payload.text }));
  });

  const visitor = await openViewer(browser, baseURL!, "visitor");
  await checkPages(visitor, [
    { url: "/" },
    { url: `/products/${world.productSlug}` },
    ...announcements.slice(0, 30).map((id) => ({ url: `/threads/${id}` })),
    ...polls.map(({ id, label }) => ({ url: `/threads/${id}`, texts: label ? [label] : [] })),
    { url: `/threads/${discussion}`, status: 404 },
  ]);
  await visitor.context.close();
  const member = await openViewer(browser, baseURL!, "dana", signInAs("dana@example.com"));
  await checkPagedThread(member, `/threads/${discussion}`);
  await checkPages(member, [{ url: `/threads/${idea}` }, { url: "/notifications" }]);
  await member.context.close();
  for (const place of ["announcement", "poll option", "group post"] as const) {
    expect(ledger[place].stored, `most payloads are stored as ${place}`).toBeGreaterThan(ledger[place].rejected.length);
  }
});
