import { Link } from "@remix-run/react";

/** Offered wherever every session ends: scripts holding a token would otherwise keep acting as the member. */
export function RevokeTokensChoice() {
  return (
    <div className="field">
      <label className="choice">
        <input type="checkbox" name="revokeTokens" defaultChecked /> Also revoke my <Link to="/settings/tokens">API tokens</Link> (scripts
        using them stop working)
      </label>
    </div>
  );
}
