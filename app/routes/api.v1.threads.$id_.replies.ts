import type { ActionFunctionArgs } from "@remix-run/node";
import { createReply } from "~/models/post.server";
import { apiResponse, json, readBody, requireApiUser } from "~/utils/api.server";
import { invariantResponse, parseId } from "~/utils/http";
import { consume, retryAfter } from "~/utils/rate-limit.server";
import { replySchema } from "~/utils/validation";

/** POST /api/v1/threads/:id/replies with {"body": "…"} and a personal token: posts a reply as the token's owner. */
export const action = ({ params, request }: ActionFunctionArgs) =>
  apiResponse(async () => {
    invariantResponse(request.method === "POST", "Use POST to reply.", { status: 405 });
    const threadId = parseId(params.id, "thread id");
    const user = await requireApiUser(request);
    const parsed = replySchema.safeParse(await readBody(request));
    invariantResponse(parsed.success, parsed.error?.issues[0]?.message ?? "Send a body.", { status: 400 });
    const wait = await consume("replies", user.id);
    invariantResponse(!wait, `Too many replies in a short time. Try again ${wait?.when}.`, {
      status: 429,
      headers: wait ? retryAfter(wait) : undefined,
    });
    const id = await createReply(user, threadId, parsed.data.body);
    return json({ reply: { id, threadId } }, { status: 201 });
  });
