import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { addIssueLink, changeIssueLink, getIdeaPlan, ideaPlanOf, setTargetRelease } from "~/models/idea-plan.server";
import { getRoadmap } from "~/models/roadmap.server";
import { listApiThreads } from "~/models/api.server";
import { recognizeIssue } from "~/utils/issue-links";
import { formatTargetRelease, parseTargetRelease } from "~/utils/target-release";
import { createTestThread, createTestUser, getThreadRow, refusalOf, statusOf } from "./factories";

async function plannedIdea(status: "planned" | "in_progress" | "open" = "planned") {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea", title: `Planned idea ${Math.random()}` });
  if (status !== "open") await setIdeaStatus(staff, threadId, { status, note: "Moving on." });
  return { author, staff, threadId };
}

describe("target releases", () => {
  it("reads months and quarters as staff type them, and nothing else", () => {
    expect(parseTargetRelease(" 2027-q1 ")).toBe("2027-Q1");
    expect(parseTargetRelease("2027-03")).toBe("2027-03");
    for (const bad of ["2027-13", "2027-Q5", "27-03", "March", "1999-01", "2027-3", "", "2027-03-01"])
      expect(parseTargetRelease(bad)).toBeNull();
    expect(formatTargetRelease("2027-03")).toBe("March 2027");
    expect(formatTargetRelease("2027-Q4")).toBe("Q4 2027");
  });

  it("a public target shows on the idea, the roadmap and the API; a staff-only one only to staff", async () => {
    const { author, staff, threadId } = await plannedIdea();
    await setTargetRelease(staff, threadId, { target: "2027-q2", isPublic: false, reason: "" });
    expect((await ideaPlanOf(author, threadId)).target).toBeNull();
    expect((await ideaPlanOf(null, threadId)).target).toBeNull();
    expect((await ideaPlanOf(staff, threadId)).target).toEqual({ value: "2027-Q2", label: "Q2 2027", isPublic: false });
    const onRoadmap = (await getRoadmap()).planned.find((idea) => idea.id === threadId);
    expect(onRoadmap?.targetLabel).toBeNull();
    expect((await listApiThreads({}, null, 100)).threads.find((t) => t.id === threadId)?.targetRelease).toBeNull();
    // A staff-only target is no public change: nothing on the timeline.
    expect((await ideaPlanOf(author, threadId)).targetChanges).toEqual([]);

    await setTargetRelease(staff, threadId, { target: "2027-Q2", isPublic: true, reason: "" });
    expect((await ideaPlanOf(author, threadId)).target).toEqual({ value: "2027-Q2", label: "Q2 2027", isPublic: true });
    expect((await getRoadmap()).planned.find((idea) => idea.id === threadId)?.targetLabel).toBe("Q2 2027");
    expect((await listApiThreads({}, null, 100)).threads.find((t) => t.id === threadId)?.targetRelease).toBe("2027-Q2");
    expect((await ideaPlanOf(null, threadId)).targetChanges).toMatchObject([{ from: null, to: "Q2 2027", reason: "" }]);
  });

  it("moving or withdrawing a public target needs a reason, which goes on the timeline", async () => {
    const { staff, threadId } = await plannedIdea("in_progress");
    await setTargetRelease(staff, threadId, { target: "2027-03", isPublic: true, reason: "" });
    const refused = await refusalOf(() => setTargetRelease(staff, threadId, { target: "2027-05", isPublic: true, reason: "  " }));
    expect(refused).toMatchObject({ status: 400, field: "reason" });
    expect((await getThreadRow(threadId)).target_release).toBe("2027-03");

    await setTargetRelease(staff, threadId, { target: "2027-05", isPublic: true, reason: "The importer needs a rewrite first." });
    await setTargetRelease(staff, threadId, { target: "", isPublic: false, reason: "We no longer promise a date." });
    const { targetChanges, target } = await ideaPlanOf(null, threadId);
    expect(target).toBeNull();
    expect(targetChanges.map((c) => [c.from, c.to, c.reason])).toEqual([
      [null, "March 2027", ""],
      ["March 2027", "May 2027", "The importer needs a rewrite first."],
      ["May 2027", null, "We no longer promise a date."],
    ]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "idea.target")
      .where("target_id", "=", threadId)
      .execute();
    expect(audit.map((a) => a.detail)).toEqual(["none → March 2027", "March 2027 → May 2027", "May 2027 → none"]);
  });

  it("refuses a target for an idea that is not planned or in progress, a target it already has, and bad text", async () => {
    const open = await plannedIdea("open");
    expect(
      await refusalOf(() => setTargetRelease(open.staff, open.threadId, { target: "2027-01", isPublic: true, reason: "" })),
    ).toMatchObject({
      status: 409,
      field: "target",
    });
    const { staff, threadId } = await plannedIdea();
    expect(await refusalOf(() => setTargetRelease(staff, threadId, { target: "next spring", isPublic: true, reason: "" }))).toMatchObject({
      status: 400,
      field: "target",
    });
    await setTargetRelease(staff, threadId, { target: "2027-01", isPublic: true, reason: "" });
    expect(await refusalOf(() => setTargetRelease(staff, threadId, { target: "2027-01", isPublic: true, reason: "" }))).toMatchObject({
      status: 409,
      field: "target",
    });
  });

  it("only active staff plan an idea (403 for members, the author and suspended staff)", async () => {
    const { author, threadId } = await plannedIdea();
    const suspended = await createTestUser({ role: "staff", suspendedUntil: Date.now() + 3_600_000 });
    for (const who of [author, await createTestUser(), suspended, null]) {
      expect(await statusOf(() => setTargetRelease(who, threadId, { target: "2027-01", isPublic: true, reason: "" }))).toBe(403);
      expect(await statusOf(() => addIssueLink(who, threadId, { url: "https://github.com/acme/app/issues/1", isPublic: true }))).toBe(403);
    }
    expect((await getThreadRow(threadId)).target_release).toBeNull();
    expect(await getDb().selectFrom("issue_links").selectAll().where("thread_id", "=", threadId).execute()).toEqual([]);
  });
});

describe("issue links", () => {
  it("recognizes GitHub, GitLab, Jira and Linear by the URL's shape", () => {
    expect(recognizeIssue("https://github.com/acme/ledger/issues/42")).toMatchObject({ tracker: "github", key: "acme/ledger#42" });
    expect(recognizeIssue("https://github.com/acme/ledger/pull/7")).toMatchObject({ tracker: "github", key: "acme/ledger#7" });
    expect(recognizeIssue("https://gitlab.com/acme/group/ledger/-/issues/9")).toMatchObject({
      tracker: "gitlab",
      key: "acme/group/ledger#9",
    });
    expect(recognizeIssue("https://acme.atlassian.net/browse/LED-123")).toMatchObject({ tracker: "jira", key: "LED-123" });
    expect(recognizeIssue("https://linear.app/acme/issue/ENG-42/bulk-edit")).toMatchObject({ tracker: "linear", key: "ENG-42" });
    expect(recognizeIssue("https://tracker.example.com/t/55")).toMatchObject({ tracker: "other", key: "tracker.example.com/t/55" });
    for (const bad of ["javascript:alert(1)", "ftp://x.example/1", "not a url", "https://user:pw@github.com/a/b/issues/1", ""]) {
      expect(recognizeIssue(bad)).toBeNull();
    }
  });

  it("staff link issues; members see only the public ones; a link is added once", async () => {
    const { author, staff, threadId } = await plannedIdea();
    await addIssueLink(staff, threadId, { url: "https://github.com/acme/ledger/issues/42", isPublic: true });
    await addIssueLink(staff, threadId, { url: "https://acme.atlassian.net/browse/LED-9", isPublic: false });
    expect((await ideaPlanOf(author, threadId)).links.map((l) => `${l.tracker} ${l.key}`)).toEqual(["GitHub acme/ledger#42"]);
    expect((await ideaPlanOf(staff, threadId)).links.map((l) => [l.key, l.isPublic])).toEqual([
      ["acme/ledger#42", true],
      ["LED-9", false],
    ]);
    expect(
      await refusalOf(() => addIssueLink(staff, threadId, { url: "https://github.com/acme/ledger/issues/42", isPublic: false })),
    ).toMatchObject({
      status: 409,
      field: "url",
    });
    expect(await refusalOf(() => addIssueLink(staff, threadId, { url: "javascript:alert(1)", isPublic: true }))).toMatchObject({
      status: 400,
      field: "url",
    });

    const jira = (await ideaPlanOf(staff, threadId)).links[1]!;
    await changeIssueLink(staff, threadId, jira.id, "public");
    expect((await ideaPlanOf(null, threadId)).links).toHaveLength(2);
    await changeIssueLink(staff, threadId, jira.id, "remove");
    expect((await ideaPlanOf(staff, threadId)).links).toHaveLength(1);
    // A link of another idea is not this idea's to change.
    const other = await plannedIdea();
    expect(await statusOf(() => changeIssueLink(other.staff, other.threadId, jira.id, "remove"))).toBe(404);
  });

  it("the plan read for a thread row gives a member nothing staff-only", async () => {
    const { author, staff, threadId } = await plannedIdea();
    await setTargetRelease(staff, threadId, { target: "2028-Q1", isPublic: false, reason: "" });
    await addIssueLink(staff, threadId, { url: "https://linear.app/acme/issue/ENG-1", isPublic: false });
    const plan = await getIdeaPlan(author, await getThreadRow(threadId));
    expect(JSON.stringify(plan)).not.toMatch(/2028|ENG-1|linear/i);
  });
});
