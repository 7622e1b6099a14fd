import type { ActionFunctionArgs } from "@remix-run/node";
import { unvote, vote } from "~/models/vote.server";
import { getApiThread } from "~/models/api.server";
import { apiResponse, json, requireApiUser } from "~/routes/api.server";
import { invariantResponse, parseId } from "~/utils/http";

/** POST votes for an idea as the token's owner; DELETE takes the vote back. */
export const action = ({ params, request }: ActionFunctionArgs) =>
  apiResponse(async () => {
    invariantResponse(request.method === "POST" || request.method === "DELETE", "Use POST to vote or DELETE to take it back.", {
      status: 405,
    });
    const threadId = parseId(params.id, "thread id");
    const user = await requireApiUser(request);
    if (request.method === "POST") await vote(user, threadId);
    else await unvote(user, threadId);
    const { voteCount } = await getApiThread(threadId);
    return json({ voted: request.method === "POST", voteCount });
  });
