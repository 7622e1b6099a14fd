import type { ActionFunctionArgs } from "@remix-run/node";
import { createReply } from "~/models/post.server";
import { apiResponse, json, readBody, requireApiUser } from "~/routes/api.server";
import { limitRate, parseInput } from "~/http/form-action.server";
import { invariantResponse, parseId } from "~/utils/http";
import { replySchema } from "~/utils/validation.server";

/** POST /api/v1/threads/:id/replies with {"body": "…"} and a personal token: posts a reply as the token's owner. */
export const action = ({ params, request }: ActionFunctionArgs) =>
  apiResponse(async () => {
    invariantResponse(request.method === "POST", "Use POST to reply.", { status: 405 });
    const threadId = parseId(params.id, "thread id");
    const user = await requireApiUser(request);
    const { body } = parseInput(replySchema, await readBody(request));
    await limitRate("replies", user.id, "body", (wait) => `Too many replies in a short time. Try again ${wait.when}.`);
    const id = await createReply(user, threadId, body);
    return json({ reply: { id, threadId } }, { status: 201 });
  });
