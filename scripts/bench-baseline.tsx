/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The benchmark's yardstick: a bare node:http server that renders the
 * thread page a visitor sees — the same elements and text — from
 * better-sqlite3 prepared statements with react-dom/server's
 * renderToString. No framework, no hydration scripts, no cache: the limit
 * of this stack for that page. scripts/bench.ts starts it with
 * DATABASE_PATH and PORT; it answers GET /threads/:id[/:slug].
 */
import http from "node:http";
import SQLite from "better-sqlite3";
import { renderToString } from "react-dom/server";
import type { Role, ThreadKind } from "~db/schema";
import { KindBadge, SolvedBadge, StaffBadge } from "~/components/Badges";
import { JsonLd } from "~/components/JsonLd";
import { MarkdownBody } from "~/components/MarkdownBody";
import { RelativeTime } from "~/components/RelativeTime";
import { excerpt } from "~/utils/plain-text";
import { threadStructuredData } from "~/utils/structured-data";
import { threadPath } from "~/utils/slug";

const sqlite = new SQLite(process.env.DATABASE_PATH!, { readonly: true });
const origin = `http://localhost:${process.env.PORT}`;

type Thread = {
  id: number;
  kind: ThreadKind;
  title: string;
  bodyHtml: string;
  acceptedAnswerPostId: number | null;
  voteCount: number;
  replyCount: number;
  createdAt: number;
  editedAt: number | null;
  authorUsername: string;
  authorDisplayName: string | null;
  authorRole: Role;
  productSlug: string;
  productName: string;
};
type Reply = {
  id: number;
  bodyHtml: string;
  createdAt: number;
  editedAt: number | null;
  authorUsername: string;
  authorDisplayName: string | null;
  authorRole: Role;
};

/**
 * The app's UserName (app/components/UserName.tsx) renders the same markup, with Remix's <Link> for the profile:
 * here a plain <a>, as there is no router.
 */
function Author({ username, displayName, role }: { username: string; displayName: string | null; role: Role }) {
  return (
    <span className="user-name">
      <span className="avatar" aria-hidden="true">
        {(displayName || username).charAt(0).toUpperCase()}
      </span>
      <strong>
        <a href={`/users/${username}`} className="profile-link">
          {displayName || username}
        </a>
      </strong>
      {displayName ? <span className="username">@{username}</span> : null}
      {role !== "member" ? <StaffBadge /> : null}
    </span>
  );
}

const threadQuery = sqlite.prepare<[number], Thread>(`
  select t.id, t.kind, t.title, t.body_html as bodyHtml, t.accepted_answer_post_id as acceptedAnswerPostId,
         t.vote_count as voteCount, t.reply_count as replyCount, t.created_at as createdAt, t.edited_at as editedAt,
         u.username as authorUsername, u.display_name as authorDisplayName, u.role as authorRole,
         p.slug as productSlug, p.name as productName
  from threads t join users u on u.id = t.author_id join products p on p.id = t.product_id
  where t.id = ? and t.hidden_at is null and t.deleted_at is null`);
const repliesQuery = sqlite.prepare<[number], Reply>(`
  select p.id, p.body_html as bodyHtml, p.created_at as createdAt, p.edited_at as editedAt,
         u.username as authorUsername, u.display_name as authorDisplayName, u.role as authorRole
  from posts p join users u on u.id = p.author_id
  where p.thread_id = ? and p.hidden_at is null and p.deleted_at is null order by p.id`);
const tagsQuery = sqlite.prepare<[number], { slug: string; name: string }>(`
  select tags.slug, tags.name from thread_tags join tags on tags.id = thread_tags.tag_id
  where thread_tags.thread_id = ? order by tags.name`);

function Post({ post, id, label, highlight }: { post: Reply | Thread; id?: string; label: string; highlight?: boolean }) {
  return (
    <article id={id} className={`post${highlight ? " post-answer" : ""}`} aria-label={label}>
      <header className="post-header">
        <Author username={post.authorUsername} displayName={post.authorDisplayName} role={post.authorRole} />
        <span className="post-time">
          <RelativeTime ms={post.createdAt} />
          {post.editedAt ? (
            <span className="edited" title={new Date(post.editedAt).toUTCString()}>
              {" "}
              · {"id" in post ? <a href={`/posts/${post.id}/history`}>edited</a> : "edited"}
            </span>
          ) : null}
        </span>
      </header>
      <MarkdownBody html={post.bodyHtml} />
    </article>
  );
}

function Page({ thread, replies, tags }: { thread: Thread; replies: Reply[]; tags: { slug: string; name: string }[] }) {
  const path = threadPath(thread);
  const canonical = origin + path;
  const answer = replies.find((r) => r.id === thread.acceptedAnswerPostId) ?? null;
  const others = replies.filter((r) => r !== answer);
  const title = `${thread.title} — ${thread.productName} — Cocreate`;
  const description = excerpt(thread.bodyHtml);
  const structured = threadStructuredData({ ...thread, url: canonical, answer, replies });
  const loginHref = `/login?${new URLSearchParams({ redirectTo: path })}`;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <link rel="canonical" href={canonical} />
        <meta property="og:site_name" content="Cocreate" />
        <meta property="og:type" content="article" />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={canonical} />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={title} />
        <meta name="twitter:description" content={description} />
        <link rel="stylesheet" href="/build/_assets/app-BASELINE.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <a className="brand" href="/">
              <span className="brand-mark" aria-hidden="true">
                ◆
              </span>{" "}
              Cocreate
            </a>
            <details className="header-menu">
              <summary className="menu-button">
                <span className="menu-icon" aria-hidden="true" />
                <span>Menu</span>
              </summary>
              <div className="header-menu-body">
                <form method="get" action="/search" role="search" className="header-search">
                  <label htmlFor="site-search" className="visually-hidden">
                    Search the community
                  </label>
                  <input id="site-search" type="search" name="q" placeholder="Search threads" maxLength={200} />
                  <button type="submit" className="button button-small">
                    Search
                  </button>
                </form>
                <nav aria-label="Sections" className="section-nav">
                  <a href="/roadmap">Roadmap</a>
                  <a href="/changelog">Changelog</a>
                  <a href="/tags">Tags</a>
                </nav>
                <nav aria-label="Account" className="account-nav">
                  <a href={loginHref}>Sign in</a>
                  <a className="button button-primary button-small" href="/signup">
                    Join the community
                  </a>
                </nav>
              </div>
            </details>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          <div className="thread-page">
            <JsonLd data={structured} />
            <nav aria-label="Breadcrumb" className="breadcrumb">
              <a href="/">Home</a> <span aria-hidden="true">›</span> <a href={`/products/${thread.productSlug}`}>{thread.productName}</a>
            </nav>
            <header className="thread-header">
              <p className="thread-badges">
                <KindBadge kind={thread.kind} />
                {answer ? <SolvedBadge /> : null}
              </p>
              <h1>{thread.title}</h1>
              {tags.length ? (
                <ul className="tag-links" aria-label="Tags">
                  {tags.map((tag) => (
                    <li key={tag.slug}>
                      <a className="tag" href={`/tags/${tag.slug}`}>
                        #{tag.name}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </header>
            <div>
              <Post post={thread} label={thread.kind === "question" ? "Question" : "Opening post"} />
            </div>
            {answer ? (
              <section id="answer" className="answer" aria-labelledby="answer-title">
                <h2 id="answer-title">✓ Accepted answer</h2>
                <Post post={answer} id={`post-${answer.id}`} label="Accepted answer" highlight />
              </section>
            ) : null}
            <section aria-labelledby="replies-title" className="replies">
              <h2 id="replies-title">
                {thread.replyCount} {thread.replyCount === 1 ? "reply" : "replies"}
              </h2>
              {others.map((reply) => (
                <Post
                  key={reply.id}
                  post={reply}
                  id={`post-${reply.id}`}
                  label={`Reply by ${reply.authorDisplayName || reply.authorUsername}`}
                />
              ))}
            </section>
            <p className="callout">
              <a href={loginHref}>Sign in</a> or <a href="/signup">join the community</a> to reply.
            </p>
          </div>
        </main>
        <footer className="site-footer">
          <div className="container">Cocreate — a community where customers and the team design the product together.</div>
        </footer>
      </body>
    </html>
  );
}

const server = http.createServer((req, res) => {
  const id = Number(/^\/threads\/(\d+)/.exec(req.url ?? "")?.[1]);
  const thread = id ? threadQuery.get(id) : undefined;
  if (!thread) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    return;
  }
  const html = `<!DOCTYPE html>${renderToString(<Page thread={thread} replies={repliesQuery.all(id)} tags={tagsQuery.all(id)} />)}`;
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) }).end(html);
});
server.listen(Number(process.env.PORT), () => console.log(`baseline listening on ${process.env.PORT}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close(() => process.exit(0)));
