import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listProducts } from "~/models/product.server";
import { searchThreads } from "~/models/search.server";
import { FilterSelect, kindOptions, solvedOptions, useStatusOptions } from "~/components/ListControls";
import { SearchResults } from "~/components/SearchResults";
import { redirectWithoutEmptyParams } from "~/utils/http";
import { SEARCH_MAX_LENGTH, searchSummary } from "~/utils/search-query";
import { searchQuerySchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data?.q ? pageTitle(matches, `“${data.q}”`, "Search") : pageTitle(matches, "Search") },
  // Result pages are endless variations of the same content.
  { name: "robots", content: "noindex, follow" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  redirectWithoutEmptyParams(request);
  const { q, page, ...filter } = searchQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [products, found] = await Promise.all([
    listProducts(),
    searchThreads(q, { productSlug: filter.product, kind: filter.kind, status: filter.status, solved: filter.solved }, page),
  ]);
  return { q, filter, products: products.map((p) => ({ slug: p.slug, name: p.name })), ...found };
}

function pageHref(search: Record<string, string | undefined>, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  return `/search?${params}`;
}

export default function Search() {
  const { q, filter, products, results, total, capped, page, pageCount } = useLoaderData<typeof loader>();
  const current = { q, ...filter };
  const statusOptions = useStatusOptions();
  return (
    <section aria-labelledby="search-title" className="search-page">
      <h1 id="search-title">Search</h1>
      <Form method="get" className="search-form" role="search" key={JSON.stringify(current)}>
        <div className="search-main">
          <label htmlFor="search-q">Search for</label>
          <input id="search-q" type="search" name="q" defaultValue={q} maxLength={SEARCH_MAX_LENGTH} />
          <button type="submit" className="button button-primary">
            Search
          </button>
        </div>
        <div className="list-controls">
          <FilterSelect
            idPrefix="search"
            label="Product"
            name="product"
            value={filter.product}
            options={[{ value: "", label: "All products" }, ...products.map((p) => ({ value: p.slug, label: p.name }))]}
          />
          <FilterSelect idPrefix="search" label="Kind" name="kind" value={filter.kind} options={kindOptions} />
          <FilterSelect idPrefix="search" label="Idea status" name="status" value={filter.status} options={statusOptions} />
          <FilterSelect idPrefix="search" label="Answer" name="solved" value={filter.solved} options={solvedOptions} />
        </div>
      </Form>

      {q === "" ? (
        <p className="muted">Type a few words to search every thread and reply.</p>
      ) : results.length === 0 ? (
        <p className="empty" role="status">
          No results for “{q}”. Try fewer or different words, or remove a filter.
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {searchSummary({ q, total, capped, page, pageCount })}
          </p>
          <h2 className="visually-hidden">Results</h2>
          <SearchResults results={results} />
          {pageCount > 1 ? (
            <nav className="pager" aria-label="Pages">
              {page > 1 ? (
                <Link rel="prev" to={pageHref(current, page - 1)}>
                  ← Previous page
                </Link>
              ) : (
                <span />
              )}
              {page < pageCount ? (
                <Link rel="next" to={pageHref(current, page + 1)}>
                  Next page →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
