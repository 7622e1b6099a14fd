import { Link } from "@remix-run/react";

/** Why signing in with the company's account stopped, and the ways on. */
export function SsoProblem({ problem, name }: { problem: string; name: string }) {
  return (
    <section className="auth-card" aria-labelledby="sso-problem-title">
      <h1 id="sso-problem-title">You are not signed in</h1>
      <p className="form-error" role="alert">
        {problem}
      </p>
      <p>
        <a href="/login/sso">Try signing in with {name} again</a>
      </p>
      <p>
        <Link to="/login">Back to the sign-in page</Link>
      </p>
    </section>
  );
}
