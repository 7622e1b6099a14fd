import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, startServer, type Server } from "./server";

/**
 * Whatever a link, a bookmark or a person puts in /search's query string,
 * the answer is the search page (200) or a clear 400, never a 500. A fixed
 * list of awkward values per parameter, then a few hundred seeded random
 * combinations of them, with repeated and unknown keys mixed in.
 */

const values: Record<string, string[]> = {
  q: [
    "",
    " ",
    "%20%20",
    "export",
    "dark%20mode",
    '"csv export"',
    "AND%20OR%20NOT",
    "NEAR(a%20b)",
    "*",
    "-",
    "title%3Aexport",
    "%22",
    "x".repeat(5_000),
    "%F0%9F%98%80%F0%9F%91%8D",
    "%E2%80%AE%E2%80%8B",
    "e%CC%81%CC%81%CC%81",
    "%EF%BC%A5%EF%BD%98%EF%BD%90%EF%BD%8F%EF%BD%92%EF%BD%94",
    "%ED%A0%80",
    "%00",
    "%zz",
    "%",
    "<script>alert(1)</script>",
  ],
  product: ["", "widgets", "no-such-product", "UPPER", "a".repeat(500), "%00", "../admin"],
  kind: ["", "idea", "question", "discussion", "bogus", "IDEA", "%F0%9F%98%80"],
  status: ["", "open", "shipped", "merged", "declined", "nope", "__proto__"],
  solved: ["", "yes", "no", "maybe", "1"],
  page: ["", "1", "2", "0", "-1", "1.5", "1e309", "99999999999999999999", "NaN", "0x10", "Infinity", "9".repeat(400)],
};
const extraKeys = ["foo=bar", "q[]=x", "__proto__=1", "constructor=x", "=", "&&&"];

/** A small deterministic generator, so a failure names a query string that fails again. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomQuery(next: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const parts: string[] = [];
  for (const [key, pool] of Object.entries(values)) {
    const times = next() < 0.5 ? 0 : next() < 0.8 ? 1 : 2; // missing, once, or repeated
    for (let i = 0; i < times; i++) parts.push(`${key}=${pick(pool)}`);
  }
  if (next() < 0.3) parts.push(pick(extraKeys));
  return parts.sort(() => next() - 0.5).join("&");
}

const fixed = [
  "",
  ...Object.entries(values).flatMap(([key, pool]) => pool.map((value) => `${key}=${value}`)),
  "q=a&q=b",
  "q=export&page=1&page=2",
  "q=export&kind=idea&kind=question",
  "q=&product=&kind=&status=&solved=&page=",
  "q=export&status=open&solved=yes",
  ...extraKeys,
];

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

async function searchAnswer(query: string) {
  let path = `/search${query ? `?${query}` : ""}`;
  // Empty parameters are dropped with a redirect; follow it the way a browser does.
  for (let hops = 0; hops < 3; hops++) {
    const response = await get(server, path);
    if (response.status !== 302 && response.status !== 301) return { status: response.status, html: await response.text() };
    path = response.headers.get("location")!;
  }
  throw new Error(`/search?${query} redirected more than twice`);
}

describe("the search page's query string", () => {
  test("an empty search box (/search?q=) shows the search page, not an error", async () => {
    const { status, html } = await searchAnswer("q=");
    expect(status).toBe(200);
    expect(html).toContain("Type a few words to search every thread and reply.");
  });

  test("each awkward value of each parameter answers 200 or 400", async () => {
    const failures: string[] = [];
    for (const query of fixed) {
      const { status, html } = await searchAnswer(query);
      if (status !== 200 && status !== 400) failures.push(`${status} for ?${query.slice(0, 80)}`);
      else if (status === 200 && !html.includes('id="search-title"')) failures.push(`no search page for ?${query.slice(0, 80)}`);
    }
    expect(failures).toEqual([]);
  });

  test("300 random combinations, with repeated and unknown keys, answer 200 or 400", async () => {
    const next = random(14);
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      const query = randomQuery(next);
      const { status } = await searchAnswer(query);
      if (status !== 200 && status !== 400) failures.push(`${status} for ?${query.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });

  test("what was typed comes back in the box, even when it is too long", async () => {
    const { status, html } = await searchAnswer(`q=${"y".repeat(5_000)}`);
    expect(status).toBe(200);
    expect(html).toContain(`value="${"y".repeat(200)}"`);
  });
});
