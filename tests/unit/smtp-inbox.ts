import { afterAll, beforeAll } from "vitest";
import { smtpTransport, type MailTransport } from "~/email/transport.server";
import { startSmtpServer, type ReceivedMail } from "../smtp-test-server";

/**
 * A real SMTP server for this test file: `received` fills as mails arrive;
 * `transport()` is the app's SMTP transport to it (one per file, its pooled
 * connections closed before the server is); `connections()` counts the
 * connections opened to it.
 */
export function smtpInbox() {
  const received: ReceivedMail[] = [];
  let server: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  let transport: MailTransport | undefined;
  beforeAll(async () => {
    server = await startSmtpServer(0, (mail) => received.push(mail));
  });
  afterAll(async () => {
    transport?.close?.();
    await server?.close();
  });
  const started = () => {
    if (!server) throw new Error("The SMTP server starts in beforeAll.");
    return server;
  };
  return {
    received,
    url: () => started().url,
    transport: () => (transport ??= smtpTransport(started().url)),
    connections: () => started().connections(),
  };
}
