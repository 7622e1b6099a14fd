import fs from "node:fs";
import path from "node:path";
import { startSmtpServer } from "../smtp-test-server";

/**
 * A real SMTP server for the end-to-end run: the test server sends its
 * emails here (SMTP_URL in playwright.config.ts), and each one lands as a
 * JSON file in the run's mail folder, where tests read the links they carry.
 */
export function mailFolder(): string {
  const dir = process.env.COCREATE_E2E_MAILDIR;
  if (!dir) throw new Error("COCREATE_E2E_MAILDIR is not set (playwright.config.ts sets it).");
  return dir;
}

export async function startMailbox(port: number): Promise<() => Promise<void>> {
  const dir = mailFolder();
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = await startSmtpServer(port, ({ to, mail }) => {
    count += 1;
    const name = `${Date.now()}-${String(count).padStart(6, "0")}.json`;
    const stored = { to: to.map((address) => address.toLowerCase()), subject: mail.subject ?? "", text: mail.text ?? "" };
    // One folder per recipient: a test waiting for one address's mail lists only that address's mails, not the run's thousands.
    for (const address of stored.to) {
      fs.mkdirSync(inboxOf(address), { recursive: true });
      fs.writeFileSync(path.join(inboxOf(address), name), JSON.stringify(stored));
    }
  });
  return async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

type Mail = { to: string[]; subject: string; text: string };

/** The folder of the mails to `address`. */
function inboxOf(address: string): string {
  return path.join(mailFolder(), encodeURIComponent(address.toLowerCase()));
}

/** Mails already read, by file name: a run that queued thousands of notifications reads each file once, not once a round. */
const read = new Map<string, Mail>();

function readMail(file: string): Mail | null {
  const known = read.get(file);
  if (known) return known;
  try {
    const mail = JSON.parse(fs.readFileSync(file, "utf8")) as Mail;
    read.set(file, mail);
    return mail;
  } catch {
    return null; // Still being written by the SMTP server: read it on the next round.
  }
}

/** The newest email to `to` whose text contains `needle`, waiting for it to arrive (the server sends every few hundred ms). */
export async function waitForMail(to: string, needle: string, since = 0): Promise<Mail> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const inbox = inboxOf(to);
    const files = fs.existsSync(inbox) ? fs.readdirSync(inbox).sort().reverse() : [];
    for (const file of files) {
      if (Number(file.split("-")[0]) < since) continue;
      const mail = readMail(path.join(inbox, file));
      if (mail && mail.to.includes(to.toLowerCase()) && mail.text.includes(needle)) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`No email to ${to} containing ${needle} arrived.`);
}

/** The path and query of the emailed link to `linkPath` (e.g. "/verify-email"), to open on the test server. */
export async function emailedLink(to: string, linkPath: string, since = 0): Promise<string> {
  const mail = await waitForMail(to, `${linkPath}?token=`, since);
  // The token, and whatever else the link carries (the page to come back to).
  const match = mail.text.match(new RegExp(`https?://[^/\\s]+(${linkPath}\\?token=[A-Za-z0-9_-]+(?:&[^\\s]*)?)`));
  if (!match) throw new Error(`The email to ${to} has no ${linkPath} link.`);
  return match[1]!;
}
