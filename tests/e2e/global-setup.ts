import { startTestProvider } from "../oidc-test-provider";
import { startMailbox } from "./mailbox";
import { e2eOidcPort, e2eSmtpPort, e2eBaseUrl } from "./playwright.config";

/**
 * Starts the run's SMTP server (tests/e2e/mailbox.ts) and its OpenID Connect
 * provider (tests/oidc-test-provider.ts), which the server is configured
 * with (playwright.config.ts); Playwright calls the function it returns at the end.
 */
export default async function globalSetup() {
  const stopMailbox = await startMailbox(e2eSmtpPort);
  const provider = await startTestProvider(e2eOidcPort, [`${e2eBaseUrl}/login/sso/callback`]);
  return async () => {
    await provider.close();
    await stopMailbox();
  };
}
