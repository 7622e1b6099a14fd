import SQLite from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { post, startServer, type Server } from "./server";

/** The small pages the server answers before Remix runs (refused origin, body too large …) carry the site's name too. */

let server: Server;
beforeAll(async () => {
  server = await startServer();
  // What saving "Acme Commons" at /admin/settings stores.
  const db = new SQLite(server.dbPath);
  db.prepare(
    "insert into settings (key, value) values ('site_name', 'Acme <Commons>') on conflict (key) do update set value = excluded.value",
  ).run();
  db.close();
});
afterAll(async () => {
  await server.stop();
});

test("a form refused for its origin answers with the site's name in the title and header, escaped", async () => {
  const response = await post(server, "/login", { login: "x", password: "y" }, { origin: "https://elsewhere.example" });
  expect(response.status).toBe(403);
  const html = await response.text();
  expect(html).toContain("<title>This form came from another site — Acme &lt;Commons&gt;</title>");
  expect(html).toContain('<span class="brand-mark" aria-hidden="true">◆</span> Acme &lt;Commons&gt;</a>');
  expect(html).not.toContain("Cocreate");
});
