import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildRoutes, get, openDb, root, signIn, startServer, type Server } from "./server";

/**
 * Every number a URL carries, on every page that reads one, gets hostile
 * values (page=1e308, negative, non-numeric, past 2^53 …): the answer may be
 * a 4xx or the page, never a 500. The pages and their parameters are found
 * in the build's route manifest and in the route files themselves, so a
 * route or parameter added later is fuzzed without touching this file.
 */

const HOSTILE = [
  "1e308",
  "-Infinity",
  "-1",
  "0",
  "1.5",
  "abc",
  "99999999999999999999",
  "9007199254740993",
  "%00",
  "1%0A2",
  "9".repeat(400),
];

/** Parameters read through shared helpers rather than in the route file. */
const HELPER_PARAMS: Record<string, string[]> = {
  loadThreadList: ["after", "before", "sort", "kind", "status", "solved", "unanswered", "tag"],
  searchQuerySchema: ["q", "product", "kind", "status", "solved", "page"],
  listQuerySchema: ["sort", "kind", "status", "solved", "unanswered", "tag"],
};

type Route = { id: string; file: string; path: string; params: string[] };

/** The query parameters a route file reads (directly or through a shared helper). */
function queryParams(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/(?:searchParams|search|params|url\.searchParams)\.(?:get|has|getAll)\("(\w+)"\)/g))
    names.add(match[1]!);
  for (const [helper, params] of Object.entries(HELPER_PARAMS)) if (source.includes(helper)) params.forEach((p) => names.add(p));
  return [...names];
}

let server: Server;
let admin: string;
let fixture: { thread: number; post: number; product: string; tag: string; username: string; webhook: number };
let routes: Route[];

/** A real URL for a route path: its dynamic segments filled with things that exist. */
function realPath(routePath: string): string {
  return routePath
    .replace(/\/:slug\?$/, "")
    .replace(/^\/products\/:slug/, `/products/${fixture.product}`)
    .replace(/^\/tags\/:slug/, `/tags/${fixture.tag}`)
    .replace(/^\/threads\/:id/, `/threads/${fixture.thread}`)
    .replace(/^\/posts\/:id/, `/posts/${fixture.post}`)
    .replace(/^\/admin\/webhooks\/:id/, `/admin/webhooks/${fixture.webhook}`)
    .replace(/^\/admin\/accounts\/:id/, "/admin/accounts/1")
    .replace(/:username/, fixture.username)
    .replace(/^\/sitemap\/:file/, "/sitemap/threads-1.xml");
}

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server, "admin@example.com");
  const db = openDb(server.dbPath);
  const post = db.prepare("select id, thread_id as thread from posts where deleted_at is null order by id limit 1").get() as {
    id: number;
    thread: number;
  };
  const tag = db.prepare("select slug from tags order by id limit 1").get() as { slug: string } | undefined;
  db.close();
  fixture = { thread: post.thread, post: post.id, product: "ledger", tag: tag?.slug ?? "none", username: "member", webhook: 1 };
  routes = buildRoutes()
    .filter((r) => r.hasLoader && r.id.startsWith("routes/"))
    .map((r) => {
      const file = fs.readdirSync(path.join(root, "app/routes")).find((f) => `routes/${f.replace(/\.tsx?$/, "")}` === r.id)!;
      return { id: r.id, file, path: r.path, params: queryParams(fs.readFileSync(path.join(root, "app/routes", file), "utf8")) };
    });
});
afterAll(async () => {
  await server.stop();
});

describe("numbers in URLs", () => {
  test("the fuzz reaches the list routes it must", () => {
    const covered = routes.filter((r) => r.params.length > 0).map((r) => r.path);
    for (const list of [
      "/admin/users",
      "/admin/audit",
      "/admin/demand",
      "/admin/accounts",
      "/search",
      "/changelog",
      "/products/:slug",
      "/tags/:slug",
      "/api/v1/threads",
    ]) {
      expect(covered, list).toContain(list);
    }
  });

  test("every query parameter of every page that reads one: hostile values are never a 500", async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes.filter((r) => r.params.length > 0)) {
      const base = realPath(route.path);
      for (const param of route.params) {
        for (const value of HOSTILE) {
          const url = `${base}?${param}=${encodeURIComponent(value).replace("%2500", "%00").replace("1%250A2", "1%0A2")}`;
          const response = await get(server, url, { cookie: admin });
          requests++;
          if (response.status >= 500) failures.push(`${response.status} ${url}`);
          await response.body?.cancel();
        }
      }
    }
    expect(failures, `${failures.length} of ${requests} requests answered 5xx`).toEqual([]);
    // Hundreds of requests, a few more with each page that reads a number: room for a loaded machine.
  }, 90_000);

  test("every numeric path segment (/threads/:id …): hostile values are never a 500", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => /:id\b/.test(r.path))) {
      for (const value of HOSTILE) {
        const url = route.path.replace(/\/:slug\?$/, "").replace(":id", encodeURIComponent(value).replace("%2500", "%00"));
        const response = await get(server, url, { cookie: admin });
        if (response.status >= 500) failures.push(`${response.status} ${url}`);
        await response.body?.cancel();
      }
    }
    expect(failures).toEqual([]);
  });
});
