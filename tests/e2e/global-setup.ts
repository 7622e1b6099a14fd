import { startMailbox } from "./mailbox";
import { e2eSmtpPort } from "./playwright.config";

/** Starts the run's SMTP server (tests/e2e/mailbox.ts); Playwright calls the function it returns at the end. */
export default async function globalSetup() {
  return startMailbox(e2eSmtpPort);
}
