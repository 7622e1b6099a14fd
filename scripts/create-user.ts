/**
 * Creates an account from the command line, e.g. the first admin of a real deployment:
 *   npm run user:create -- --email ada@example.com --username ada --role admin
 * The password is read from the COCREATE_PASSWORD variable or asked for on the terminal.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { z } from "zod";
import { closeDb, migrateToLatest } from "~db/client.server";
import { DomainError } from "~/models/errors.server";
import { createUser } from "~/models/user.server";
import { emailField, passwordField, usernameField } from "~/utils/validation.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    username: { type: "string" },
    role: { type: "string", default: "member" },
  },
});

async function readPassword(): Promise<string> {
  if (process.env.COCREATE_PASSWORD) return process.env.COCREATE_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Password (at least 8 characters): ");
  rl.close();
  return answer;
}

const schema = z.object({
  email: emailField,
  username: usernameField,
  role: z.enum(["member", "staff", "admin"], { error: "--role must be member, staff or admin." }),
  password: passwordField,
});

const parsed = schema.safeParse({ ...values, password: await readPassword() });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${String(issue.path[0])}: ${issue.message}`);
  process.exit(1);
}
await migrateToLatest();
try {
  const userId = await createUser(parsed.data);
  console.log(`Created ${parsed.data.role} @${parsed.data.username} (id ${userId}).`);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  for (const [field, message] of Object.entries(error.fields)) console.error(`${field}: ${message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
