import { useFetcher } from "@remix-run/react";

type Props = {
  /** The reply liked, or null for the thread's opening post. */
  postId: number | null;
  likes: { count: number; mine: boolean };
  canLike: boolean;
};

const countText = (count: number) => `${count} ${count === 1 ? "like" : "likes"}`;

/**
 * A post's likes and, for those who may like it, the button: a plain form
 * without JavaScript; with it, the count and the button change at once and
 * the page is brought up to date behind them.
 */
export function LikeButton({ postId, likes, canLike }: Props) {
  const fetcher = useFetcher();
  const pending = fetcher.formData?.get("intent");
  const mine = pending ? pending === "like" : likes.mine;
  const count = likes.count + (mine === likes.mine ? 0 : mine ? 1 : -1);
  if (!canLike) {
    return count > 0 ? <span className="like-count">♥ {countText(count)}</span> : null;
  }
  return (
    <fetcher.Form method="post" preventScrollReset className="like-form">
      {postId !== null ? <input type="hidden" name="postId" value={postId} /> : null}
      <button type="submit" name="intent" value={mine ? "unlike" : "like"} className="button button-small button-quiet" aria-pressed={mine}>
        {mine ? "♥ Liked" : "♡ Like"}
      </button>
      {count > 0 ? <span className="like-count">{countText(count)}</span> : null}
    </fetcher.Form>
  );
}
