import { afterAll, beforeAll } from "vitest";
import { startSmtpServer, type ReceivedMail } from "../smtp-test-server";

/** A real SMTP server for this test file: `received` fills as mails arrive; `url()` is its SMTP_URL once started. */
export function smtpInbox() {
  const received: ReceivedMail[] = [];
  let server: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  beforeAll(async () => {
    server = await startSmtpServer(0, (mail) => received.push(mail));
  });
  afterAll(() => server?.close());
  return {
    received,
    url: () => {
      if (!server) throw new Error("The SMTP server starts in beforeAll.");
      return server.url;
    },
  };
}
