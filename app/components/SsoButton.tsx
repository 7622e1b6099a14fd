/**
 * "Sign in with <name>" on the sign-in and sign-up pages: a plain link to
 * /login/sso (a full page load, as it leaves for the provider), so it works
 * without JavaScript.
 */
export function SsoButton({ name, redirectTo, primary }: { name: string; redirectTo: string; primary: boolean }) {
  const href = redirectTo === "/" ? "/login/sso" : `/login/sso?${new URLSearchParams({ redirectTo })}`;
  return (
    <div className="sso-choice">
      <a href={href} className={`button button-wide ${primary ? "button-primary" : ""}`.trim()}>
        Sign in with {name}
      </a>
      {primary ? null : <p className="sso-or muted small">or with your email and password</p>}
    </div>
  );
}
