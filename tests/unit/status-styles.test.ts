import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import {
  addSubstatus,
  getStatusStyles,
  removeSubstatus,
  setIdeaSubstatus,
  statusLabelsNow,
  updateStatusStyle,
} from "~/models/status-styles.server";
import { listApiThreads } from "~/models/api.server";
import { contrastRatio, statusStylesCss, textOn } from "~/utils/status-styles";
import { createTestThread, createTestUser, getThreadRow, refusalOf } from "./factories";

describe("status colours", () => {
  it("put black or white text on any colour, whichever passes WCAG AA", () => {
    for (const colour of ["#000000", "#ffffff", "#777777", "#767676", "#1d4fa8", "#ffcc00", "#0b6e4f", "#ff0000", "#808080"]) {
      expect(contrastRatio(colour, textOn(colour))).toBeGreaterThanOrEqual(4.5);
    }
    expect(textOn("#1d4fa8")).toBe("#ffffff");
    expect(textOn("#ffcc00")).toBe("#000000");
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
});

describe("statuses in the site's own words", () => {
  it("an admin renames a status and colours it; labels change, keys and filters stay", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const ideaId = await createTestThread(await createTestUser(), { kind: "idea", title: "Renamed status idea" });
    await setIdeaStatus(staff, ideaId, { status: "in_progress", note: "" });
    await updateStatusStyle(admin, "in_progress", { label: "Building", colour: "#0B6E4F" });

    const styles = await getStatusStyles();
    expect(styles.statuses.in_progress).toEqual({ label: "Building", colour: "#0b6e4f" });
    expect(styles.statuses.planned).toEqual({ label: "Planned", colour: null });
    expect((await statusLabelsNow())("in_progress")).toBe("Building");
    expect(statusStylesCss(styles)).toContain(".badge.status-in_progress{background:#0b6e4f;color:#ffffff");
    // The API keeps the lifecycle key, and its filter finds the idea by it.
    const api = await listApiThreads({ status: "in_progress" }, null, 100);
    expect(api.threads.find((t) => t.id === ideaId)?.status).toBe("in_progress");

    // A refused status change speaks the site's words.
    expect((await refusalOf(() => setIdeaStatus(staff, ideaId, { status: "in_progress", note: "" }))).message).toBe(
      "This idea is already building.",
    );
    expect(await refusalOf(() => updateStatusStyle(admin, "planned", { label: "", colour: "" }))).toMatchObject({
      status: 400,
      field: "label",
    });
    expect(await refusalOf(() => updateStatusStyle(admin, "planned", { label: "Next", colour: "red" }))).toMatchObject({
      status: 400,
      field: "colour",
    });
    expect(await refusalOf(() => updateStatusStyle(admin, "planned", { label: "x".repeat(31), colour: "" }))).toMatchObject({
      field: "label",
    });
  });

  it("sub-statuses belong to one status; staff set them; a status change clears them; removing one frees its ideas", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const ideaId = await createTestThread(await createTestUser(), { kind: "idea", title: "Sub-status idea" });
    await setIdeaStatus(staff, ideaId, { status: "in_progress", note: "" });
    await addSubstatus(admin, { status: "in_progress", label: "In beta", colour: "#ffcc00" });
    await addSubstatus(admin, { status: "planned", label: "Scoping", colour: "#1d4fa8" });
    expect(await refusalOf(() => addSubstatus(admin, { status: "in_progress", label: "In beta", colour: "#ffcc00" }))).toMatchObject({
      status: 409,
      field: "label",
    });
    const { substatuses } = await getStatusStyles();
    const beta = substatuses.find((s) => s.label === "In beta")!;
    const scoping = substatuses.find((s) => s.label === "Scoping")!;

    expect(await refusalOf(() => setIdeaSubstatus(staff, ideaId, scoping.id))).toMatchObject({ status: 400, field: "substatus" });
    await setIdeaSubstatus(staff, ideaId, beta.id);
    expect((await getThreadRow(ideaId)).substatus_id).toBe(beta.id);
    await setIdeaStatus(staff, ideaId, { status: "shipped", note: "Out now." });
    expect((await getThreadRow(ideaId)).substatus_id).toBeNull();

    const other = await createTestThread(await createTestUser(), { kind: "idea", title: "Another" });
    await setIdeaStatus(staff, other, { status: "in_progress", note: "" });
    await setIdeaSubstatus(staff, other, beta.id);
    await removeSubstatus(admin, beta.id);
    expect((await getThreadRow(other)).substatus_id).toBeNull();
    expect((await getThreadRow(other)).status).toBe("in_progress");
    expect(await getDb().selectFrom("idea_substatuses").select("label").where("id", "=", beta.id).execute()).toEqual([]);
  });
});
