import { isoTime } from "~/utils/time";

/** The settings page's "Company sign-in": connected since when, or a link that connects it (a sign-in at the provider). */
export function CompanySignIn({ name, links }: { name: string; links: { issuer: string; createdAt: number; lastUsedAt: number }[] }) {
  return (
    <section className="form-page" aria-labelledby="company-sign-in-title">
      <h2 id="company-sign-in-title">Company sign-in</h2>
      {links.length > 0 ? (
        links.map((link) => (
          <p key={link.issuer}>
            Connected to {name} since <time dateTime={isoTime(link.createdAt)}>{isoTime(link.createdAt).slice(0, 10)}</time>, last used{" "}
            <time dateTime={isoTime(link.lastUsedAt)}>{isoTime(link.lastUsedAt).slice(0, 10)}</time>.
          </p>
        ))
      ) : (
        <p>
          Not connected. <a href={`/login/sso?${new URLSearchParams({ redirectTo: "/settings" })}`}>Connect your {name} account</a>: you
          sign in there once, and from then on “Sign in with {name}” opens this account.
        </p>
      )}
    </section>
  );
}
