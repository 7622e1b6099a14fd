import { describe, expect, it, vi } from "vitest";
import { can, type Actor } from "~/auth/permissions.server";

const HOUR = 60 * 60 * 1000;
const AUTHOR_ID = 1;

const roles = {
  visitor: null,
  member: { id: AUTHOR_ID, role: "member", suspendedUntil: null },
  "other member": { id: 2, role: "member", suspendedUntil: null },
  // The author themself, suspended: suspension outweighs ownership.
  "suspended member": { id: AUTHOR_ID, role: "member", suspendedUntil: Date.now() + HOUR },
  "member whose suspension ended": { id: AUTHOR_ID, role: "member", suspendedUntil: Date.now() - HOUR },
  staff: { id: 3, role: "staff", suspendedUntil: null },
  admin: { id: 4, role: "admin", suspendedUntil: null },
} satisfies Record<string, Actor>;

type RoleName = keyof typeof roles;

const thread = (kind: string, extra: { locked?: number; hidden_at?: number | null } = {}) => ({
  author_id: AUTHOR_ID,
  kind,
  locked: extra.locked ?? 0,
  hidden_at: extra.hidden_at ?? null,
});
const post = { author_id: AUTHOR_ID, hidden_at: null };

// Threads and replies below are written by "member" (AUTHOR_ID).
const actions: Record<string, (actor: Actor) => boolean> = {
  "start a thread": (a) => can.startThread(a),
  "reply to an open thread": (a) => can.reply(a, thread("discussion")),
  "reply to a locked thread": (a) => can.reply(a, thread("discussion", { locked: 1 })),
  "reply to a hidden thread": (a) => can.reply(a, thread("discussion", { hidden_at: 1 })),
  "edit the member's thread": (a) => can.editThread(a, thread("discussion")),
  "edit the member's reply": (a) => can.editPost(a, post),
  "vote on an idea": (a) => can.vote(a, thread("idea")),
  "vote on a hidden idea": (a) => can.vote(a, thread("idea", { hidden_at: 1 })),
  "vote on a question": (a) => can.vote(a, thread("question")),
  "mark the answer to the member's question": (a) => can.markAnswer(a, thread("question")),
  "mark the answer to the member's locked question": (a) => can.markAnswer(a, thread("question", { locked: 1 })),
  "mark an answer on a discussion": (a) => can.markAnswer(a, thread("discussion")),
  "accept an idea as co-designed": (a) => can.acceptIdea(a, thread("idea")),
  "accept a question as co-designed": (a) => can.acceptIdea(a, thread("question")),
  "manage products": (a) => can.manageProducts(a),
};

const T = true;
const F = false;
// Columns:                                       visitor member other  susp.  ended  staff  admin
const matrix: Record<keyof typeof actions, boolean[]> = {
  "start a thread":                                   [F,    T,     T,     F,     T,     T,     T],
  "reply to an open thread":                          [F,    T,     T,     F,     T,     T,     T],
  "reply to a locked thread":                         [F,    F,     F,     F,     F,     T,     T],
  "reply to a hidden thread":                         [F,    F,     F,     F,     F,     F,     F],
  "edit the member's thread":                         [F,    T,     F,     F,     T,     F,     F],
  "edit the member's reply":                          [F,    T,     F,     F,     T,     F,     F],
  "vote on an idea":                                  [F,    T,     T,     F,     T,     T,     T],
  "vote on a hidden idea":                            [F,    F,     F,     F,     F,     F,     F],
  "vote on a question":                               [F,    F,     F,     F,     F,     F,     F],
  "mark the answer to the member's question":         [F,    T,     F,     F,     T,     T,     T],
  "mark the answer to the member's locked question":  [F,    F,     F,     F,     F,     T,     T],
  "mark an answer on a discussion":                   [F,    F,     F,     F,     F,     F,     F],
  "accept an idea as co-designed":                    [F,    F,     F,     F,     F,     T,     T],
  "accept a question as co-designed":                 [F,    F,     F,     F,     F,     F,     F],
  "manage products":                                  [F,    F,     F,     F,     F,     F,     T],
};

const roleNames = Object.keys(roles) as RoleName[];
const cases = Object.entries(matrix).flatMap(([action, expected]) =>
  roleNames.map((role, column) => ({ role, action, expected: expected[column] })),
);

describe("the permission matrix", () => {
  it("covers every can.* action", () => {
    const spies = Object.keys(can).map((name) => [name, vi.spyOn(can, name as keyof typeof can)] as const);
    for (const check of Object.values(actions)) check(roles.admin);
    const called = spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name);
    vi.restoreAllMocks();
    expect(called.sort()).toEqual(Object.keys(can).sort());
  });

  it("has one expectation per role for every action", () => {
    for (const expected of Object.values(matrix)) expect(expected).toHaveLength(roleNames.length);
  });

  it.each(cases)("$role: $action → $expected", ({ role, action, expected }) => {
    expect(actions[action]!(roles[role])).toBe(expected);
  });
});
