import { describe, expect, it } from "vitest";
import { BODY_MAX } from "~/utils/form-limits";
import { parseForm, signupSchema, threadSchema, usernameField } from "~/utils/validation.server";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const validThread = { product: "widgets", kind: "question", title: "How do widgets work?", body: "Asking for a friend." };

describe("the thread form", () => {
  it("drops NUL characters, which no database column holds on PostgreSQL", () => {
    const result = parseForm(threadSchema, form({ ...validThread, title: "Nul\u0000 in the title", body: "\u0000Body\u0000" }));
    expect(result).toEqual({ ok: true, data: { ...validThread, title: "Nul in the title", body: "Body", tags: [] } });
  });

  it("accepts a valid thread and trims the title", () => {
    const result = parseForm(threadSchema, form({ ...validThread, title: "  Padded title  " }));
    expect(result).toEqual({ ok: true, data: { ...validThread, title: "Padded title", tags: [] } });
  });

  it.each([
    ["a title under 3 characters", { title: "ab" }, "title"],
    ["a title that is only short after trimming", { title: "  ab   " }, "title"],
    ["a title over 200 characters", { title: "x".repeat(201) }, "title"],
    ["an empty body", { body: "" }, "body"],
    ["a body of only whitespace", { body: "   \n\t " }, "body"],
    ["a body over 20,000 characters", { body: "x".repeat(BODY_MAX + 1) }, "body"],
    ["an unknown kind", { kind: "poll" }, "kind"],
    ["a missing product", { product: "" }, "product"],
  ])("rejects %s with a message on that field", (_name, change, field) => {
    const result = parseForm(threadSchema, form({ ...validThread, ...change }));
    if (result.ok) throw new Error("expected the form to be rejected");
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(Object.values(result.errors)).toEqual([expect.any(String)]);
  });

  it.each([
    ["a 3-character title", { title: "abc" }],
    ["a 200-character title", { title: "x".repeat(200) }],
    ["a 20,000-character body", { body: "x".repeat(BODY_MAX) }],
  ])("accepts %s at the limit", (_name, change) => {
    expect(parseForm(threadSchema, form({ ...validThread, ...change })).ok).toBe(true);
  });

  it("reports missing fields without throwing", () => {
    const result = parseForm(threadSchema, form({}));
    if (result.ok) throw new Error("expected the form to be rejected");
    expect(Object.keys(result.errors).sort()).toEqual(["body", "kind", "product", "title"]);
  });

  it("keeps what the person typed in values when rejecting", () => {
    const typed = { ...validThread, title: "no", body: "My long, carefully written text.\n\nWith paragraphs." };
    const result = parseForm(threadSchema, form(typed));
    if (result.ok) throw new Error("expected the form to be rejected");
    expect(result.values).toEqual(typed);
  });
});

describe("usernames", () => {
  it.each(["abc", "a".repeat(30), "user_name-42", "  Padded  ", "MixedCase"])("accepts %j", (username) => {
    expect(usernameField.safeParse(username).success).toBe(true);
  });

  it("stores usernames in lowercase", () => {
    expect(usernameField.parse("MixedCase")).toBe("mixedcase");
  });

  it.each(["ab", "a".repeat(31), "has space", "dot.name", "émile", "semi;colon", "<script>", ""])("rejects %j", (username) => {
    expect(usernameField.safeParse(username).success).toBe(false);
  });
});

describe("the sign-up form", () => {
  it("keeps the username and email but never sends the password back", () => {
    const result = parseForm(signupSchema, form({ username: "x", email: "not-an-email", password: "hunter22" }));
    if (result.ok) throw new Error("expected the form to be rejected");
    expect(Object.keys(result.errors).sort()).toEqual(["email", "username"]);
    expect(result.values).toEqual({ username: "x", email: "not-an-email" });
  });

  it("rejects passwords shorter than 8 characters", () => {
    const result = parseForm(signupSchema, form({ username: "valid", email: "valid@example.com", password: "short" }));
    if (result.ok) throw new Error("expected the form to be rejected");
    expect(Object.keys(result.errors)).toEqual(["password"]);
  });
});

describe("numbers from URLs", () => {
  it("a page number is a whole number within bounds; anything else is the first page", async () => {
    const { pageParam } = await import("~/utils/http");
    expect(pageParam("3", 100)).toBe(3);
    for (const value of [null, "", "0", "-1", "1e308", "Infinity", "NaN", "abc", "1.5", "0x10", "9".repeat(400)])
      expect(pageParam(value, 100), String(value)).toBe(1);
    expect(pageParam("99999", 100)).toBe(100);
  });

  it("an id past 2^53 is refused (400) rather than rounded", async () => {
    const { parseId } = await import("~/utils/http");
    expect(parseId("9007199254740991")).toBe(9007199254740991);
    expect(() => parseId("9007199254740993")).toThrow(Response);
  });

  it("a search without words reads as an empty search", async () => {
    const { searchQuerySchema } = await import("~/utils/validation.server");
    expect(searchQuerySchema.parse({}).q).toBe("");
    expect(searchQuerySchema.parse({ kind: "idea", page: "1e308" })).toMatchObject({ q: "", kind: "idea", page: 1 });
  });
});

describe("the API token form", () => {
  it("makes a token work for 90 days unless another lifetime is chosen, and refuses one it doesn't offer", async () => {
    const { apiTokenSchema } = await import("~/utils/validation.server");
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) data.set(key, value);
      return data;
    };
    expect(parseForm(apiTokenSchema, form({ name: "bot" }))).toEqual({ ok: true, data: { name: "bot", expires: 90 } });
    expect(parseForm(apiTokenSchema, form({ name: "bot", expires: "never" }))).toEqual({ ok: true, data: { name: "bot", expires: null } });
    expect(parseForm(apiTokenSchema, form({ name: "bot", expires: "7" })).ok).toBe(false);
  });
});
