import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "~/auth/session.server";
import { useNonce } from "~/components/Nonce";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Cocreate — where customers and the team build together" },
  { name: "description", content: "Ask questions, share ideas and design features together with the team." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { user: user && { username: user.username, displayName: user.displayName, role: user.role } };
}

export function useSessionUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

function Header() {
  const user = useSessionUser();
  const location = useLocation();
  const here = location.pathname + location.search;
  const loginHref = here === "/" || here.startsWith("/login") || here.startsWith("/signup")
    ? "/login"
    : `/login?${new URLSearchParams({ redirectTo: here })}`;
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span> Cocreate
        </Link>
        <nav aria-label="Account" className="account-nav">
          {user ? (
            <>
              <Link className="button button-primary" to="/threads/new">
                New thread
              </Link>
              {user.role === "admin" ? <Link to="/admin/products">Admin</Link> : null}
              <span className="signed-in-as">
                Signed in as <strong>{user.displayName || user.username}</strong>
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={loginHref}>Sign in</Link>
              <Link className="button button-primary" to="/signup">
                Join the community
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Header />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            Cocreate — a community where customers and the team design the product together.
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

const titles: Record<number, string> = {
  400: "That request didn't look right",
  401: "Please sign in",
  403: "You can't do that",
  404: "Page not found",
  409: "That already happened",
  413: "That's too large",
};

export function ErrorPage({ error }: { error: unknown }) {
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" && error.data ? error.data : error.statusText;
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-status">Error {error.status}</p>
        <h1 id="error-title">{titles[error.status] ?? "Something went wrong"}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to the community home</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">Error 500</p>
      <h1 id="error-title">Something went wrong on our side</h1>
      <p>Nothing you did caused this. Please try again in a moment.</p>
      <p>
        <Link to="/">Back to the community home</Link>
      </p>
    </section>
  );
}
