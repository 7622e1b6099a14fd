import { getUser } from "~/auth/session.server";
import { listTags } from "~/models/tag.server";
import { withUnread } from "~/models/read-position.server";
import { listThreads, parseCursor, type ListScope } from "~/models/thread-list.server";
import { invariantResponse, redirectWithoutEmptyParams } from "~/utils/http";
import { hasFilters, pagerLinks, type ListParams } from "~/utils/list-params";
import { listQuerySchema } from "~/utils/validation.server";

/**
 * The loader half shared by the product and tag pages: reads sort, filters
 * and cursor from the URL and loads one page of the threads the viewer may see.
 */
export async function loadThreadList(request: Request, scope: ListScope, path: string) {
  redirectWithoutEmptyParams(request);
  const search = new URL(request.url).searchParams;
  const params: ListParams = listQuerySchema.parse(Object.fromEntries(search));
  const after = search.get("after");
  const before = search.get("before");
  const cursor = { after: parseCursor(after), before: parseCursor(before) };
  invariantResponse((after === null || cursor.after) && (before === null || cursor.before), "That page link is not valid.", {
    status: 400,
  });
  const [tags, viewer] = await Promise.all([listTags(), getUser(request)]);
  const tagId = params.tag ? (tags.find((t) => t.slug === params.tag)?.id ?? null) : null;
  if (params.tag && tagId === null) delete params.tag;
  const page = await listThreads(
    scope,
    params.sort,
    { kind: params.kind, status: params.status, solved: params.solved, unanswered: params.unanswered === "1", tagId },
    cursor,
    viewer,
  );
  return {
    params,
    filtered: hasFilters(params),
    tags: tags.map((t) => ({ slug: t.slug, name: t.name })),
    threads: await withUnread(viewer, page.threads),
    pager: pagerLinks(path, params, page),
  };
}
