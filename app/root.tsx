import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { VerifyEmailBanner } from "~/components/VerifyEmailBanner";
import { getUser } from "~/auth/session.server";
import { SiteHeader } from "~/components/SiteHeader";
import { can } from "~/auth/permissions.server";
import { countFlagQueue } from "~/models/flag.server";
import { countUnread } from "~/models/notification.server";
import { getSiteSettings } from "~/models/site-settings.server";
import { getStatusStyles, statusStylesheetHref } from "~/models/status-styles.server";
import { StatusStylesProvider } from "~/components/StatusStyles";
import { defaultSiteSettings, type SiteSettings } from "~/utils/site-settings";
import { useNonce } from "~/components/Nonce";
import { useErrorId } from "~/components/ErrorId";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const site = data?.site ?? defaultSiteSettings;
  return [
    { title: `${site.siteName} — where customers and the team build together` },
    { name: "description", content: site.siteDescription },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, site, statusStyles] = await Promise.all([getUser(request), getSiteSettings(), getStatusStyles()]);
  const statusStylesheet = statusStylesheetHref(statusStyles);
  if (!user) return { user: null, site, statusStyles, statusStylesheet };
  const [unreadNotifications, flagsWaiting] = await Promise.all([countUnread(user), can.moderate(user) ? countFlagQueue(user) : null]);
  return {
    user: {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unreadNotifications,
      flagsWaiting,
      unverified: user.emailVerifiedAt === null,
    },
    site,
    statusStyles,
    statusStylesheet,
  };
}

export function useSessionUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

/** The site's name and description as an admin set them, or the defaults where the root has no data (an error page). */
export function useSite(): SiteSettings {
  return useRouteLoaderData<typeof loader>("root")?.site ?? defaultSiteSettings;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const site = useSite();
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {root?.statusStylesheet ? <link rel="stylesheet" href={root.statusStylesheet} /> : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={useSessionUser()} siteName={site.siteName} />
        <main id="main" className="container" tabIndex={-1}>
          <StatusStylesProvider value={root?.statusStyles}>
            {useSessionUser()?.unverified ? <VerifyEmailBanner /> : null}
            {children}
          </StatusStylesProvider>
        </main>
        <footer className="site-footer">
          <div className="container">{site.siteName} — a community where customers and the team design the product together.</div>
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
  429: "Slow down a little",
};

export function ErrorPage({ error }: { error: unknown }) {
  const errorId = useErrorId();
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
      {errorId ? (
        <p>
          If you contact us about it, mention error id <code data-error-id>{errorId}</code>.
        </p>
      ) : null}
      <p>
        <Link to="/">Back to the community home</Link>
      </p>
    </section>
  );
}
