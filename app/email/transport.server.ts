import nodemailer from "nodemailer";
import { config } from "~/config.server";
import { log } from "~/utils/log.server";

export type Mail = {
  /** For the development log only: never print addresses. */
  userId: number;
  /** The site's name (set at /admin/settings): the sender's name unless EMAIL_FROM says otherwise. */
  siteName: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
};

export type MailTransport = { name: string; send(mail: Mail): Promise<void>; close?: () => void };

export function fromAddress(siteName: string): string | { name: string; address: string } {
  return config().EMAIL_FROM ?? { name: siteName, address: "no-reply@localhost" };
}

/**
 * Real delivery over SMTP (nodemailer), e.g. `smtp://user:pass@mail.example.com:587`.
 * Connections are pooled (nodemailer's `pool`: up to 5, each reused for 100
 * messages): opening one per email made each take a new TCP and SMTP
 * handshake, so a round of notifications held a verification link back for
 * seconds. `?pool=false` in the URL turns it off.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true });
  transporter.on("error", (error: Error) => log("warn", "smtp-error", { message: error.message }));
  return {
    name: "smtp",
    close: () => transporter.close(),
    async send(mail) {
      await transporter.sendMail({
        from: fromAddress(mail.siteName),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: mail.headers,
      });
    },
  };
}

/** Without SMTP_URL (development), emails are written to the server log instead of being sent. */
export const logTransport: MailTransport = {
  name: "log",
  async send(mail) {
    // Unsubscribe tokens are credentials: the log shows where they go, not what they are.
    const text = mail.text.replace(/token=[^\s>]+/g, "token=…");
    console.log(`[email] not sent (SMTP_URL is not set) → member #${mail.userId}: ${mail.subject}\n${text}\n[/email]`);
  },
};

export function configuredTransport(): MailTransport {
  const url = config().SMTP_URL;
  return url ? smtpTransport(url) : logTransport;
}
