import SQLite from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { get, post, signIn, startServer, type Server } from "./server";

/** The embeddable changelog may be framed only by the origins an admin lists; staff's CSV exports are staff's only. */

let server: Server;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server, "admin@example.com");
});
afterAll(async () => {
  await server.stop();
});

test("the embed is framed by no one until an admin lists origins, then by those only; other pages never", async () => {
  let response = await get(server, "/embed/changelog");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(response.headers.get("x-frame-options")).toBe("DENY");

  const refused = await post(
    server,
    "/admin/settings",
    { intent: "embed", embedOrigins: "https://app.example.com/path" },
    { cookie: admin },
  );
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("is not an origin");

  const saved = await post(
    server,
    "/admin/settings",
    { intent: "embed", embedOrigins: "https://app.example.com\nhttp://localhost:8080\n" },
    { cookie: admin },
  );
  expect(saved.status).toBe(302);

  response = await get(server, "/embed/changelog");
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors https://app.example.com http://localhost:8080");
  expect(csp).toContain("default-src 'none'");
  expect(response.headers.get("x-frame-options")).toBeNull();
  const html = await response.text();
  expect(html).toContain("Recently shipped at");
  expect(html).toMatch(/target="_blank" rel="noopener"/);
  expect(html).not.toContain("<script");

  for (const page of ["/", "/changelog", "/roadmap"]) {
    const other = await get(server, page);
    expect(other.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(other.headers.get("x-frame-options")).toBe("DENY");
  }
  // What the admin saved is in the audit log.
  const db = new SQLite(server.dbPath, { readonly: true });
  const audit = db.prepare("select detail from audit_log where action = 'site.embed_origins' order by id desc limit 1").get() as {
    detail: string;
  };
  db.close();
  expect(audit.detail).toBe("https://app.example.com http://localhost:8080");
});

test("the ideas and voters spreadsheets answer staff, and nobody else", async () => {
  const member = await signIn(server, "member@example.com");
  const staff = await signIn(server, "staff@example.com");
  const db = new SQLite(server.dbPath, { readonly: true });
  const idea = db.prepare("select id from threads where kind = 'idea' and deleted_at is null order by id limit 1").get() as { id: number };
  db.close();

  const sheet = await get(server, "/staff/ideas.csv", { cookie: staff });
  expect(sheet.status).toBe(200);
  expect(sheet.headers.get("content-type")).toContain("text/csv");
  expect(sheet.headers.get("content-disposition")).toMatch(/^attachment; filename="ideas-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(await sheet.text()).toContain("id,title,product,status,votes,accounts,target");
  const voters = await get(server, `/threads/${idea.id}/voters.csv`, { cookie: staff });
  expect(voters.status).toBe(200);
  expect(await voters.text()).toContain("username,name,account,voted");

  for (const path of ["/staff/ideas.csv", `/threads/${idea.id}/voters.csv`]) {
    expect((await get(server, path, { cookie: member })).status).toBe(403);
    const visitor = await get(server, path);
    expect([302, 401, 403]).toContain(visitor.status);
  }
});
