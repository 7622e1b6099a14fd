import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApiThread } from "~/models/api.server";
import { apiResponse, json } from "~/routes/api.server";
import { parseId } from "~/utils/http";

export const loader = ({ params }: LoaderFunctionArgs) =>
  apiResponse(async () => json({ thread: await getApiThread(parseId(params.id, "thread id")) }));
