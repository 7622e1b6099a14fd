import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, fromIp, get, openDb, openDiscussion, post, signIn, startServer, type Server } from "./server";

// Small limits, so the real limiter is exercised; every test is its own client address.
let server: Server;
beforeAll(async () => {
  server = await startServer({
    env: {
      TRUST_PROXY: "1",
      RATE_LIMIT_READS: "25/60",
      RATE_LIMIT_SEARCH: "3/60",
      RATE_LIMIT_SIGNUP: "2/3600",
      RATE_LIMIT_SIGNIN_IP: "6/900",
      RATE_LIMIT_SIGNIN_ACCOUNT: "3/900",
      RATE_LIMIT_SIGNIN_LOCK_SECONDS: "120",
      RATE_LIMIT_REPLIES: "2/600",
      RATE_LIMIT_EDITS: "2/600",
      RATE_LIMIT_THREADS: "1/3600",
      RATE_LIMIT_PASSWORD_CHANGE: "2/900",
    },
  });
});
afterAll(async () => {
  await server.stop();
});

function count(sql: string, ...params: unknown[]): number {
  const db = openDb(server.dbPath);
  const row = db.prepare(sql).get(...params) as { n: number };
  db.close();
  return row.n;
}

/** The value an input or textarea was rendered with. */
function fieldValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (input) return /value="([^"]*)"/.exec(input)?.[1];
  return new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];
}

const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("sign-in", () => {
  test("locks an account after repeated failures, says for how long, and refuses even the right password meanwhile", async () => {
    const ip = fromIp("10.1.0.1");
    const tries = [];
    for (let i = 0; i < 3; i++) {
      tries.push(await post(server, "/login", { login: "priya@example.com", password: `wrong-${i}` }, { headers: ip }));
    }
    expect(tries.map((r) => r.status)).toEqual([400, 400, 429]);
    const locked = tries[2]!;
    expect(locked.headers.get("retry-after")).toBe("120");
    const html = decode(await locked.text());
    expect(html).toContain("this account is locked for a while: please try again in 2 minutes");
    expect(fieldValue(html, "login")).toBe("priya@example.com");

    const rightPassword = await post(server, "/login", { login: "priya@example.com", password: DEMO_PASSWORD }, { headers: ip });
    expect(rightPassword.status).toBe(429);
    expect(rightPassword.headers.getSetCookie()).toEqual([]);
    expect(decode(await rightPassword.text())).toContain("Too many failed sign-ins. For your safety, please try again in 2 minutes.");

    // The lock is on the account, not on everyone at that address.
    expect(await signIn(server, "jonas@example.com", ip)).toMatch(/^cocreate_session=/);
  });

  test("counts guesses per account: its email and its username share one count", async () => {
    const ip = fromIp("10.1.0.4");
    const tries = [];
    for (const login of ["admin@example.com", "admin", "ADMIN@example.com "]) {
      tries.push((await post(server, "/login", { login, password: "a wrong guess" }, { headers: ip })).status);
    }
    expect(tries).toEqual([400, 400, 429]);
    const right = await post(server, "/login", { login: "admin", password: DEMO_PASSWORD }, { headers: fromIp("10.1.0.5") });
    expect(right.status).toBe(429);
  });

  test("throttles an address that tries many accounts, while other addresses sign in normally", async () => {
    const ip = fromIp("10.1.0.2");
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const response = await post(server, "/login", { login: `nobody-${i}@example.com`, password: "guess" }, { headers: ip });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    const next = await post(server, "/login", { login: "member@example.com", password: DEMO_PASSWORD }, { headers: ip });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await signIn(server, "member@example.com", fromIp("10.1.0.3"))).toMatch(/^cocreate_session=/);
  });
});

describe("sign-up", () => {
  test("allows a few accounts per address, then answers 429 with the form filled in and creates nothing", async () => {
    const ip = fromIp("10.2.0.1");
    for (const name of ["limit-one", "limit-two"]) {
      const response = await post(
        server,
        "/signup",
        { username: name, email: `${name}@example.test`, password: "a-long-password" },
        { headers: ip },
      );
      expect(response.status).toBe(302);
    }
    const third = await post(
      server,
      "/signup",
      { username: "limit-three", email: "limit-three@example.test", password: "a-long-password" },
      { headers: ip },
    );
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    const html = decode(await third.text());
    expect(html).toMatch(/There have been several sign-ups from your network\. Please try again in 1 hour\./);
    expect(fieldValue(html, "username")).toBe("limit-three");
    expect(fieldValue(html, "email")).toBe("limit-three@example.test");
    expect(count("select count(*) as n from users where username = ?", "limit-three")).toBe(0);
  });
});

describe("sign-up attempts", () => {
  test("failed sign-ups count toward the limit too, so they can't be used to test names and addresses without end", async () => {
    const ip = fromIp("10.2.0.2");
    const taken = await post(
      server,
      "/signup",
      { username: "priya", email: "priya-again@example.test", password: "a-long-password" },
      { headers: ip },
    );
    expect(taken.status).toBe(400);
    // A malformed attempt counts as well.
    const malformed = await post(server, "/signup", { username: "x", email: "not an address", password: "" }, { headers: ip });
    expect(malformed.status).toBe(400);
    const fresh = await post(
      server,
      "/signup",
      { username: "limit-fresh", email: "limit-fresh@example.test", password: "a-long-password" },
      { headers: ip },
    );
    expect(fresh.status).toBe(429);
    expect(count("select count(*) as n from users where username = ?", "limit-fresh")).toBe(0);
  });
});

describe("posting", () => {
  test("a member replying too fast gets 429 with their reply kept, and only the allowed replies are stored", async () => {
    const ip = fromIp("10.3.0.1");
    const cookie = await signIn(server, "dana@example.com", ip);
    const thread = openDiscussion(server.dbPath);
    const statuses = [];
    for (const n of [1, 2, 3]) {
      const response = await post(server, `/threads/${thread.id}`, { intent: "reply", body: `rapid reply ${n}` }, { cookie, headers: ip });
      statuses.push(response.status);
      if (n === 3) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        const html = decode(await response.text());
        expect(html).toContain("You have posted several replies in a short time. Please try again in 10 minutes; your reply is kept.");
        expect(fieldValue(html, "body")).toBe("rapid reply 3");
      }
    }
    expect(statuses).toEqual([302, 302, 429]);
    expect(count("select count(*) as n from posts where body like 'rapid reply %'")).toBe(2);
  });

  test("the limit holds for the JavaScript form's .data requests too", async () => {
    const ip = fromIp("10.3.0.2");
    const cookie = await signIn(server, "li-wei@example.com", ip);
    const thread = openDiscussion(server.dbPath);
    const statuses = [];
    for (const n of [1, 2, 3]) {
      const response = await post(
        server,
        `/threads/${thread.id}.data`,
        { intent: "reply", body: `data reply ${n}` },
        { cookie, headers: ip },
      );
      statuses.push(response.status);
      if (n === 3) expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    }
    expect(statuses).toEqual([202, 202, 429]);
    expect(count("select count(*) as n from posts where body like 'data reply %'")).toBe(2);
  });

  test("starting threads too fast is refused with the title and text kept", async () => {
    const ip = fromIp("10.3.0.3");
    const cookie = await signIn(server, "jonas@example.com", ip);
    const thread = (title: string) => ({ product: "ledger", kind: "discussion", title, body: `The body of ${title}` });
    const first = await post(server, "/threads/new", thread("First fast thread"), { cookie, headers: ip });
    expect(first.status).toBe(302);
    const second = await post(server, "/threads/new", thread("Second fast thread"), { cookie, headers: ip });
    expect(second.status).toBe(429);
    const html = decode(await second.text());
    expect(html).toMatch(/You have started several threads in a short time\. Please try again in 1 hour; your text is kept\./);
    expect(fieldValue(html, "title")).toBe("Second fast thread");
    expect(fieldValue(html, "body")).toBe("The body of Second fast thread");
    expect(count("select count(*) as n from threads where title = ?", "Second fast thread")).toBe(0);
  });
});

describe("edits", () => {
  test("editing a reply again and again is limited like replying, with the text kept", async () => {
    const ip = fromIp("10.3.0.4");
    const cookie = await signIn(server, "member@example.com", ip);
    const db = openDb(server.dbPath);
    const reply = db
      .prepare(
        "select posts.id from posts join users on users.id = posts.author_id where users.username = 'member' and posts.deleted_at is null limit 1",
      )
      .get() as { id: number };
    db.close();
    const statuses = [];
    for (const n of [1, 2, 3]) {
      const response = await post(server, `/posts/${reply.id}/edit`, { body: `edited version ${n}` }, { cookie, headers: ip });
      statuses.push(response.status);
      if (n === 3) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        const html = decode(await response.text());
        expect(html).toContain("You have edited several times in a short time. Please try again in 10 minutes; your text is kept.");
        expect(fieldValue(html, "body")).toBe("edited version 3");
      }
    }
    expect(statuses).toEqual([302, 302, 429]);
    expect(count("select count(*) as n from posts where id = ? and body = 'edited version 2'", reply.id)).toBe(1);
  });
});

describe("password changes", () => {
  test("guessing the current password is cut short with 429, and then even the right one waits", async () => {
    const ip = fromIp("10.5.0.1");
    const cookie = await signIn(server, "staff@example.com", ip);
    const change = (currentPassword: string) =>
      post(server, "/settings", { intent: "password", currentPassword, newPassword: "a brand new password" }, { cookie, headers: ip });
    expect((await change("guess one")).status).toBe(400);
    expect((await change("guess two")).status).toBe(400);
    const third = await change(DEMO_PASSWORD);
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(decode(await third.text())).toContain("Too many tries to change your password. Please try again in 15 minutes.");
    // The password did not change.
    expect(await signIn(server, "staff@example.com", fromIp("10.5.0.2"))).toMatch(/^cocreate_session=/);
  });
});

describe("reads and search", () => {
  test("a generous limit per address, answered with a page that says when to come back", async () => {
    const ip = fromIp("10.4.0.1");
    for (let i = 0; i < 25; i++) expect((await get(server, "/healthz", { headers: ip })).status).toBe(200);
    const limited = await get(server, "/", { headers: ip });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("content-type")).toContain("text/html");
    const html = await limited.text();
    expect(html).toContain("Slow down a little");
    expect(html).toMatch(/Your network has sent a lot of requests in a short time\. Please try again in \d+ (seconds?|minute)\./);
    // Static files do not count, and other addresses are unaffected.
    expect((await get(server, "/favicon.svg", { headers: ip })).status).toBe(200);
    expect((await get(server, "/", { headers: fromIp("10.4.0.2") })).status).toBe(200);
  });

  test("search has a tighter limit of its own", async () => {
    const ip = fromIp("10.4.0.3");
    for (let i = 0; i < 3; i++) expect((await get(server, `/search?q=invoice${i}`, { headers: ip })).status).not.toBe(429);
    const limited = await get(server, "/search?q=invoice", { headers: ip });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("You have searched a lot in a short time.");
    expect((await get(server, "/", { headers: ip })).status).toBe(200);
  });
});
