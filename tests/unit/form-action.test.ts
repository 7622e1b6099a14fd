import { describe, expect, it } from "vitest";
import type { SerializeFrom } from "@remix-run/node";
import type { action as editThreadAction } from "~/routes/threads.$id.edit";
import { form, handleForm, handleIntents, UNKNOWN_INTENT } from "~/http/form-action.server";
import { Conflict, DomainError, NotFound, RateLimited } from "~/models/errors.server";
import { refusalStatus } from "~/http/refusals.server";
import { feedbackFor, type FormFeedback } from "~/utils/form-feedback";
import { acceptSchema, threadEditSchema, webhookSchema, type FieldsOf } from "~/utils/validation.server";

/** Every action reads its form one way: an intent table, a schema, one shape of feedback. */

const post = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return new Request("http://localhost/x", { method: "POST", body });
};

/** What a refused form answers: Remix's data() with the feedback and the status. */
type Answered = { data: FormFeedback; init: ResponseInit | null };
const answered = (answer: unknown) => answer as Answered;

async function refusalOf(run: () => Promise<unknown>): Promise<DomainError> {
  const thrown = await run().then(
    () => new Error("expected a refusal"),
    (error: unknown) => error,
  );
  if (!(thrown instanceof DomainError)) throw thrown;
  return thrown;
}

describe("an action's intents", () => {
  const intents = { vote: async () => "voted", unvote: async () => "unvoted" };

  it("run the handler the submit button names", async () => {
    expect(await handleIntents(post({ intent: "unvote" }), intents)).toBe("unvoted");
  });

  it.each<Record<string, string>>([
    {},
    { intent: "" },
    { intent: "no-such-intent" },
    { intent: "toString" },
    { intent: "<script>alert(1)</script>" },
  ])("answer any other intent (%j) with 400 and one sentence", async (fields) => {
    const refusal = await refusalOf(() => handleIntents(post(fields), intents));
    expect([refusalStatus(refusal), refusal.message]).toEqual([400, UNKNOWN_INTENT]);
  });

  it("let a page name the intent of its main form for a script that sends none", async () => {
    expect(await handleIntents(post({}), intents, { withoutIntent: "vote" })).toBe("voted");
    const refused = await handleIntents(
      post({ title: "ab" }),
      { save: form(threadEditSchema, async () => "saved") },
      { withoutIntent: "save" },
    );
    expect(answered(refused).data.intent).toBe("save");
  });
});

describe("a refused form", () => {
  const valid = { title: "A fine title", body: "Some text.", tags: ["1", "2"], password: "hunter22", intent: "save" };

  it("comes back with a message per field, what was typed (never a password) and 400 when it fails its schema", async () => {
    const answer = answered(await handleForm(post({ ...valid, title: "ab" }), threadEditSchema, async () => "saved"));
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({
      intent: "save",
      errors: { title: "The title needs at least 3 characters." },
      values: { title: "ab", body: "Some text.", tags: "1,2", intent: "save" },
    });
  });

  it("comes back with the model's message next to the field it names, and the model's status", async () => {
    const answer = answered(
      await handleForm(post(valid), threadEditSchema, async () => {
        throw new Conflict("title", "Someone changed this thread meanwhile.");
      }),
    );
    expect(answer.init?.status).toBe(409);
    expect(answer.data.errors).toEqual({ title: "Someone changed this thread meanwhile." });
    expect(answer.data.values.body).toBe("Some text.");
  });

  it("says when to try again after a rate limit (429 with Retry-After)", async () => {
    const limited = form(threadEditSchema, async () => {
      throw new RateLimited("body", "Please try again in 3 minutes; your text is kept.", 180);
    });
    const answer = answered(await limited(await post(valid).formData()));
    expect(answer.init?.status).toBe(429);
    expect(new Headers(answer.init?.headers).get("Retry-After")).toBe("180");
    expect(answer.data.errors.body).toBe("Please try again in 3 minutes; your text is kept.");
  });

  it("goes on to the error page when the refusal names no field", async () => {
    const refusal = await refusalOf(() =>
      handleForm(post(valid), threadEditSchema, async () => {
        throw new NotFound("We couldn't find that thread.");
      }),
    );
    expect(refusalStatus(refusal)).toBe(404);
  });

  it("of one intent says which, so a page with several forms shows it on the right one", async () => {
    const answer = await handleIntents(post({ intent: "credit", credit: "7" }), {
      accept: form(acceptSchema, async () => "accepted"),
      credit: form(acceptSchema, async () => "credited"),
    });
    expect(feedbackFor(answered(answer).data, "accept")).toBeUndefined();
    expect(feedbackFor(answered(answer).data, "credit")?.errors).toEqual({
      "contribution-7": "Say in a few words (up to 200 characters) how they shaped the idea.",
    });
  });

  it("of a webhook without events says so next to the events", async () => {
    const answer = answered(
      await handleForm(post({ url: "https://example.com/hook", events: "nonsense" }), webhookSchema, async () => "ok"),
    );
    expect(answer.data.errors).toEqual({ events: "Choose at least one event." });
  });
});

describe("a form's field errors", () => {
  it("are keyed by its schema's fields, so a misspelt field does not compile", () => {
    const feedback: FormFeedback<FieldsOf<typeof threadEditSchema>> = { intent: null, errors: { title: "Too short." }, values: {} };
    expect(feedback.errors.title).toBe("Too short.");
    // @ts-expect-error the thread form has no field "titel"
    expect(feedback.errors.titel).toBeUndefined();
  });

  it("reach the page typed: the edit page's action data has errors.title and no errors.titel", () => {
    type EditFeedback = Extract<SerializeFrom<typeof editThreadAction>, { errors: unknown }>;
    const shown = (feedback: EditFeedback) => [
      feedback.errors.title,
      feedback.errors.tags,
      // @ts-expect-error the edit form has no field "titel"
      feedback.errors.titel,
    ];
    expect(shown({ intent: "save", errors: { title: "Too short." }, values: {} })).toEqual(["Too short.", undefined, undefined]);
  });
});
