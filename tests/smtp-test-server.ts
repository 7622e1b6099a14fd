import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server inside the test process: what arrives is what a mail
 * server would get. The unit tests keep the mails in memory
 * (tests/unit/smtp-inbox.ts), the e2e run writes them to its mail folder
 * (tests/e2e/mailbox.ts).
 */
export type ReceivedMail = { to: string[]; mail: ParsedMail };

export async function startSmtpServer(
  port: number,
  onMail: (received: ReceivedMail) => void,
): Promise<{ url: string; close: () => Promise<void>; connections: () => number }> {
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          onMail({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** How many SMTP connections were opened to it so far. */
    connections: () => connections,
  };
}
