import { Form } from "@remix-run/react";

/** Shown to a signed-in member whose address is not verified yet: they can read, not post or vote, until they open the link. */
export function VerifyEmailBanner() {
  return (
    <aside className="notice verify-banner" aria-label="Email address not verified">
      <p>Please confirm your email address: open the link we emailed you. Until then you can read, but not post or vote.</p>
      <Form method="post" action="/verify-email">
        <button type="submit" name="intent" value="resend" className="button">
          Send the link again
        </button>
      </Form>
    </aside>
  );
}
