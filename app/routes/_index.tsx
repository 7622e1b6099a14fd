import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { listProducts } from "~/models/product.server";
import { listLatestThreads } from "~/models/thread.server";
import { withTags } from "~/models/tag.server";
import { withUnread } from "~/models/read-position.server";
import { ThreadList } from "~/components/ThreadList";
import { Announcements } from "~/components/Announcements";
import { listAnnouncements } from "~/models/announcement.server";
import { useSite, type loader as rootLoader } from "~/root";
import { pageShowsLists } from "~/models/page-tags.server";
import { siteNameIn } from "~/utils/meta";

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => {
  const site = matches.find((m) => m.id === "root")?.data.site;
  return [
    { title: `${siteNameIn(matches)} — community home` },
    ...(site ? [{ name: "description", content: site.siteDescription }] : []),
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: "Latest threads", href: "/feed.xml" },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  pageShowsLists();
  const [products, threads, announcements] = await Promise.all([
    listProducts(),
    listLatestThreads(15, viewer)
      .then(withTags)
      .then((threads) => withUnread(viewer, threads)),
    listAnnouncements(viewer, null),
  ]);
  return { products, threads, announcements };
}

export default function Home() {
  const { products, threads, announcements } = useLoaderData<typeof loader>();
  const site = useSite();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Build the product with the people who use it</h1>
        <p>{site.siteDescription}</p>
      </section>

      <Announcements items={announcements} />

      <section aria-labelledby="products-title">
        <h2 id="products-title">Products</h2>
        <ul className="product-grid">
          {products.map((p) => (
            <li key={p.id} className="product-card">
              <h3>
                <Link to={`/products/${p.slug}`}>{p.name}</Link>
              </h3>
              <p>{p.description}</p>
              <p className="muted">
                {p.threadCount} {p.threadCount === 1 ? "thread" : "threads"}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="latest-title">
        <h2 id="latest-title">Latest threads</h2>
        <ThreadList threads={threads} />
      </section>
    </>
  );
}
