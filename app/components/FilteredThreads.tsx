import type { IdeaStatus } from "~db/schema";
import { listSearch, type ListParams, type PagerLinks } from "~/utils/list-params";
import { ListControls } from "./ListControls";
import { Pager } from "./Pager";
import { StatusFilter } from "./StatusFilter";
import { ThreadList, type ThreadRow } from "./ThreadList";

type Props = {
  path: string;
  params: ListParams;
  filtered: boolean;
  threads: ThreadRow[];
  pager: PagerLinks;
  /** Tags to filter by; leave out on a tag's own page. */
  tags?: { slug: string; name: string }[];
  showProduct: boolean;
};

/** A product's or tag's threads with their sort and filter controls and pages. */
export function FilteredThreads({ path, params, filtered, threads, pager, tags, showProduct }: Props) {
  const statusHref = (status: IdeaStatus | null) => `${path}${listSearch({ ...params, status: status ?? undefined })}`;
  return (
    <section aria-labelledby="threads-title">
      <h2 id="threads-title" className="visually-hidden">
        Threads
      </h2>
      <StatusFilter hrefFor={statusHref} current={params.status ?? null} />
      <ListControls params={params} tags={tags} />
      <ThreadList threads={threads} showProduct={showProduct} emptyMessage={filtered ? "No threads match these filters." : undefined} />
      <Pager links={pager} />
    </section>
  );
}
