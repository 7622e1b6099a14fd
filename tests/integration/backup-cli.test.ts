import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDb, openDiscussion, post, root, signIn, startServer, type Server } from "./server";

const run = promisify(execFile);

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

test("npm run backup copies the live database while replies are being written", async () => {
  const cookie = await signIn(server, "member@example.com");
  const thread = openDiscussion(server.dbPath);
  const reply = (text: string) => post(server, `/threads/${thread.id}`, { intent: "reply", body: text }, { cookie });

  const before = Array.from({ length: 20 }, (_, i) => `backup-test reply before ${i}`);
  for (const response of await Promise.all(before.map(reply))) expect(response.status).toBe(302);

  const destination = path.join(path.dirname(server.dbPath), "copy", "cocreate-backup.db");
  const during = Array.from({ length: 60 }, (_, i) => reply(`backup-test reply during ${i}`));
  const { stdout } = await run("npm", ["run", "--silent", "backup", "--", destination], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: server.dbPath },
  });
  expect(stdout).toContain(`to ${destination}`);
  expect(stdout).toContain("integrity check ok");
  for (const response of await Promise.all(during)) expect(response.status).toBe(302);

  const copy = openDb(destination);
  expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
  const bodies = new Set(
    (copy.prepare("select body from posts where body like 'backup-test reply %'").all() as { body: string }[]).map((r) => r.body),
  );
  expect(before.filter((b) => !bodies.has(b))).toEqual([]);
  expect(copy.prepare("select count(*) as n from users where email = 'member@example.com'").get()).toEqual({ n: 1 });
  // The reply counter matches the replies in the copy: no write was caught half-way.
  const counted = copy.prepare("select reply_count as n from threads where id = ?").get(thread.id) as { n: number };
  expect(counted.n - thread.replyCount).toBe(bodies.size);
  copy.close();
});
