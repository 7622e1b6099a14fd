import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { buildManifest } from "../build-manifest";
import { GENEROUS_RATE_LIMITS } from "../rate-limit-env";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const DEMO_PASSWORD = "cocreate-demo";

export type LogLine = Record<string, unknown> & { event?: string };

export type Server = {
  url: string;
  dbPath: string;
  child: ChildProcess;
  /** Every JSON line the server wrote to stdout and stderr so far. */
  logs: LogLine[];
  /** Everything it wrote, as text, to search for what must never be logged. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog: (match: (line: LogLine) => boolean) => Promise<LogLine>;
  /** SIGTERM, then wait for the exit. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function tempDbPath(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cocreate-${name}-`));
  return path.join(dir, "cocreate.db");
}

/** Starts `node build/index.js` on a free port; a new database gets the demo forum. */
export async function startServer(options: { env?: Record<string, string>; dbPath?: string } = {}): Promise<Server> {
  const dbPath = options.dbPath ?? tempDbPath("server");
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_PATH: dbPath,
      // Emails, digests and webhooks wait an hour between rounds: no test here waits for one.
      BACKGROUND_POLL_MS: "3600000",
      ...GENEROUS_RATE_LIMITS,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  let text = "";
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (raw) => {
      text += `${raw}\n`;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        return;
      }
      logs.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitForLog = (match: (line: LogLine) => boolean) =>
    new Promise<LogLine>((resolve, reject) => {
      const found = logs.find(match);
      if (found) return resolve(found);
      waiters.push({ match, resolve });
      void exited.then(() => reject(new Error(`The server exited before logging what the test waited for:\n${text}`)));
    });
  const listening = await waitForLog((line) => line.event === "listening");
  return {
    url: `http://localhost:${String(listening.port)}`,
    dbPath,
    child,
    logs,
    output: () => text,
    exited,
    waitForLog,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** A read-only look at the server's database (WAL lets it read while the server writes). */
export function openDb(file: string): SQLite.Database {
  return new SQLite(file, { readonly: true, fileMustExist: true });
}

/** A discussion anyone signed in may reply to, and how many replies it has. */
export function openDiscussion(dbPath: string): { id: number; replyCount: number } {
  const db = openDb(dbPath);
  const row = db
    .prepare(
      "select id, reply_count as replyCount from threads where kind = 'discussion' and locked = 0 and closed_at is null and deleted_at is null order by id limit 1",
    )
    .get() as { id: number; replyCount: number };
  db.close();
  return row;
}

/** With TRUST_PROXY=1 each test can be its own client address, so limits hit in one test don't spill into another. */
export const fromIp = (ip: string) => ({ "X-Forwarded-For": ip });

export function get(server: Server, pathname: string, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Accept: "text/html", ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(server.url + pathname, { headers, redirect: "manual" });
}

type PostOptions = { cookie?: string; origin?: string | null; referer?: string; headers?: Record<string, string> };

/** A form POST as a browser on our pages sends it (Origin included), without following the redirect. */
export function post(server: Server, pathname: string, fields: Record<string, string>, options: PostOptions = {}) {
  const headers: Record<string, string> = { Accept: "text/html", ...options.headers };
  const origin = options.origin === undefined ? server.url : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.referer) headers.Referer = options.referer;
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(server.url + pathname, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** Signs in and returns the Cookie header that carries the new session. */
export async function signIn(server: Server, login: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await post(server, "/login", { login, password: DEMO_PASSWORD }, { headers });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cocreate_session="));
  if (response.status !== 302 || !cookie) throw new Error(`Signing in as ${login} answered ${response.status}`);
  return cookie.split(";")[0]!;
}

export type ManifestRoute = { id: string; path: string; hasLoader: boolean; hasAction: boolean };

/** Every route of the latest build, from its route manifest, with its full URL pattern (`/threads/:id`). */
export function buildRoutes(): ManifestRoute[] {
  const manifest = buildManifest();
  const fullPath = (id: string): string => {
    const route = manifest.routes[id]!;
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(manifest.routes).map((r) => ({
    id: r.id,
    path: `/${fullPath(r.id)}`,
    hasLoader: r.hasLoader,
    hasAction: r.hasAction,
  }));
}
