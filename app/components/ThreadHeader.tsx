import { Link } from "@remix-run/react";
import type { SubscriptionLevel, ThreadKind } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { CoDesignedBadge, KindBadge, SolvedBadge, StatusBadge, SubstatusBadge, ThreadStateBadges } from "./Badges";
import { useStatusStyles } from "./StatusStyles";
import { TagLinks, type TagLabel } from "./TagLinks";
import { WatchForm } from "./WatchForm";

type Props = {
  thread: {
    kind: ThreadKind;
    status: ShownStatus | null;
    title: string;
    productSlug: string;
    productName: string;
    coDesignedAt: number | null;
    substatusId?: number | null;
    pinned: number;
    locked: number;
    closedAt: number | null;
  };
  solved: boolean;
  tags: TagLabel[];
  /** Shown only to those who may watch the thread. */
  watch: { level: SubscriptionLevel | null } | null;
};

/** A thread page's breadcrumb, badges, title, tags and watch button. */
export function ThreadHeader({ thread, solved, tags, watch }: Props) {
  const { substatuses } = useStatusStyles();
  const substatus = thread.status !== "merged" ? (substatuses.find((s) => s.id === thread.substatusId) ?? null) : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> <span aria-hidden="true">›</span> <Link to={`/products/${thread.productSlug}`}>{thread.productName}</Link>
      </nav>
      <header className="thread-header">
        <p className="thread-badges">
          <KindBadge kind={thread.kind} />
          {thread.kind === "idea" ? <StatusBadge status={thread.status} /> : null}
          {thread.kind === "idea" ? <SubstatusBadge substatus={substatus} /> : null}
          {solved ? <SolvedBadge /> : null}
          {thread.coDesignedAt ? <CoDesignedBadge /> : null}
          <ThreadStateBadges pinned={thread.pinned === 1} locked={thread.locked === 1} closed={thread.closedAt !== null} />
        </p>
        <h1>{thread.title}</h1>
        <TagLinks tags={tags} />
        {watch ? <WatchForm level={watch.level} /> : null}
      </header>
    </>
  );
}
