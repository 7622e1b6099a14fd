import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { Role } from "~db/schema";
import { authHref } from "~/utils/return-path";

type HeaderUser = { username: string; displayName: string | null; role: Role; unreadNotifications: number } | null;

/** The site's banner: the main sections, and the account links of whoever is signed in. */
export function SiteHeader({ user, siteName }: { user: HeaderUser; siteName: string }) {
  const location = useLocation();
  const here = location.pathname + location.search;
  const unread = user?.unreadNotifications ?? 0;
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span> {siteName}
        </Link>
        <Form method="get" action="/search" role="search" className="header-search">
          <label htmlFor="site-search" className="visually-hidden">
            Search the community
          </label>
          <input id="site-search" type="search" name="q" placeholder="Search threads" maxLength={200} />
          <button type="submit" className="button button-small">
            Search
          </button>
        </Form>
        <nav aria-label="Sections" className="section-nav">
          <NavLink to="/roadmap">Roadmap</NavLink>
          <NavLink to="/changelog">Changelog</NavLink>
          {user && user.role !== "member" ? <NavLink to="/admin/success">Success</NavLink> : null}
          {user && user.role !== "member" ? <NavLink to="/admin/tags">Tags</NavLink> : null}
          {user?.role === "admin" ? <NavLink to="/admin">Admin</NavLink> : null}
        </nav>
        <nav aria-label="Account" className="account-nav">
          {user ? (
            <>
              <Link className="button button-primary" to="/threads/new">
                New thread
              </Link>
              <NavLink to="/notifications" className="notifications-link">
                Notifications
                {unread > 0 ? (
                  <span className="unread-count">
                    {" "}
                    {unread}
                    <span className="visually-hidden"> unread</span>
                  </span>
                ) : null}
              </NavLink>
              <NavLink to="/settings">Settings</NavLink>
              <span className="signed-in-as">
                Signed in as{" "}
                <Link to={`/users/${user.username}`}>
                  <strong>{user.displayName || user.username}</strong>
                </Link>
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={authHref("login", here)}>Sign in</Link>
              <Link className="button button-primary" to={authHref("signup", here)}>
                Join the community
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
