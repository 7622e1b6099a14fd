import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Role } from "~db/schema";
import { authHref } from "~/utils/return-path";

type HeaderUser = {
  username: string;
  displayName: string | null;
  role: Role;
  unreadNotifications: number;
  /** Posts waiting in the flag queue; only for staff. */
  flagsWaiting: number | null;
} | null;

/** A small count next to a link; the words after it are for screen readers. */
function Count({ n, label }: { n: number; label: string }) {
  if (n <= 0) return null;
  return (
    <>
      {" "}
      <span className="unread-count">
        {n}
        <span className="visually-hidden"> {label}</span>
      </span>
    </>
  );
}

/**
 * Closes a header menu after a page change, on Escape and on a click
 * elsewhere. Without JavaScript each menu is a plain <details>: it opens and
 * closes by itself and every page load starts it closed.
 */
function useMenuClosing() {
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  useEffect(() => {
    // Read the menu at each event: it may appear after the first render (signing in).
    const onKey = (event: KeyboardEvent) => {
      const details = menu.current;
      if (event.key !== "Escape" || !details?.open || !details.contains(document.activeElement)) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    const onClick = (event: MouseEvent) => {
      const details = menu.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, []);
  return menu;
}

/**
 * The site's banner: the brand, then search, the sections and the account
 * links. On a wide screen they stand in one row, the account's own links
 * (settings, sign out) under the member's name; on a narrow one they all
 * fold into a "Menu" disclosure. Both are <details>: they work without
 * JavaScript.
 */
export function SiteHeader({ user, siteName }: { user: HeaderUser; siteName: string }) {
  const location = useLocation();
  const menu = useMenuClosing();
  const accountMenu = useMenuClosing();
  const here = location.pathname + location.search;
  const unread = user?.unreadNotifications ?? 0;
  const name = user ? user.displayName || user.username : "";
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{" "}
          <span className="brand-name">{siteName}</span>
        </Link>
        <details className="header-menu" ref={menu}>
          <summary className="menu-button">
            <span className="menu-icon" aria-hidden="true" />
            <span>Menu</span>
            <Count n={unread} label="unread notifications" />
          </summary>
          <div className="header-menu-body">
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
              <NavLink to="/tags">Tags</NavLink>
              {user && user.role !== "member" ? (
                <NavLink to="/staff">
                  Staff
                  <Count n={user.flagsWaiting ?? 0} label="flags waiting" />
                </NavLink>
              ) : null}
              {user?.role === "admin" ? <NavLink to="/admin">Admin</NavLink> : null}
            </nav>
            <nav aria-label="Account" className="account-nav">
              {user ? (
                <>
                  <Link className="button button-primary button-small" to="/threads/new">
                    New thread
                  </Link>
                  <NavLink to="/notifications" className="notifications-link">
                    Notifications
                    <Count n={unread} label="unread" />
                  </NavLink>
                  <details className="account-menu" ref={accountMenu}>
                    <summary className="account-button">
                      <span className="avatar" aria-hidden="true">
                        {name.charAt(0).toUpperCase()}
                      </span>
                      <span className="account-name">{name}</span>
                    </summary>
                    <div className="account-menu-body">
                      <p className="signed-in-as">
                        Signed in as{" "}
                        <Link to={`/users/${user.username}`}>
                          <strong>{name}</strong>
                        </Link>
                      </p>
                      <NavLink to="/settings">Settings</NavLink>
                      <Form method="post" action="/logout">
                        <button type="submit" className="link-button">
                          Sign out
                        </button>
                      </Form>
                    </div>
                  </details>
                </>
              ) : (
                <>
                  <Link to={authHref("login", here)}>Sign in</Link>
                  <Link className="button button-primary button-small" to={authHref("signup", here)}>
                    Join the community
                  </Link>
                </>
              )}
            </nav>
          </div>
        </details>
      </div>
    </header>
  );
}
