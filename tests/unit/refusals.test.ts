import { describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { Conflict, Forbidden, Invalid, NotFound, RateLimited, SignInRequired } from "~/models/errors.server";
import { answerRefusals, refusalResponse } from "~/http/refusals.server";
import { apiResponse } from "~/routes/api.server";

/** Models refuse with domain errors; one place turns them into what the visitor gets. */

const cases = [
  [new Invalid("That page number is not valid."), 400],
  [new SignInRequired("Sign in to reply."), 401],
  [new Forbidden("Only staff can merge ideas."), 403],
  [new NotFound("We couldn't find that thread."), 404],
  [new Conflict("status", "This idea is already planned."), 409],
  [new RateLimited("body", "Please try again in 3 minutes.", 180), 429],
] as const;

const buildWith = (module: ServerBuild["routes"][string]["module"]) =>
  answerRefusals({ routes: { "routes/x": { id: "routes/x", path: "x", module } } } as unknown as ServerBuild).routes["routes/x"]!.module;

describe("a model's refusal", () => {
  it.each(cases)("%s answers its status with its message", async (refusal, status) => {
    const answer = refusalResponse(refusal);
    expect(answer.status).toBe(status);
    expect(await answer.text()).toBe(refusal.message);
  });

  it("thrown by a loader or an action is answered as its HTTP response, not a 500", async () => {
    const module = buildWith({
      default: () => null,
      loader: async () => {
        throw new NotFound("We couldn't find that thread.");
      },
      action: async () => {
        throw new RateLimited("body", "Please try again in 3 minutes.", 180);
      },
    });
    const fromLoader = await Promise.resolve(module.loader!({} as never)).catch((thrown: unknown) => thrown);
    expect(fromLoader).toBeInstanceOf(Response);
    expect([(fromLoader as Response).status, await (fromLoader as Response).text()]).toEqual([404, "We couldn't find that thread."]);
    const fromAction = (await Promise.resolve(module.action!({} as never)).catch((thrown: unknown) => thrown)) as Response;
    expect([fromAction.status, fromAction.headers.get("Retry-After")]).toEqual([429, "180"]);
  });

  it("leaves other errors and what routes return alone", async () => {
    const crash = new Error("a bug");
    const module = buildWith({
      default: () => null,
      loader: async () => {
        throw crash;
      },
      action: async () => "done",
    });
    await expect(Promise.resolve(module.loader!({} as never))).rejects.toBe(crash);
    await expect(Promise.resolve(module.action!({} as never))).resolves.toBe("done");
  });

  it("reaches a JSON API client as { error } with the status", async () => {
    const answer = await apiResponse(async () => {
      throw new Forbidden("You can't vote right now.");
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: "You can't vote right now." });
  });
});
