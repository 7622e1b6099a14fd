/**
 * Asks for verdicts again now, as the server's reask-verdicts job does every
 * BACKGROUND_POLL_MS, or as if some days had passed:
 *   npm run verdicts:reask -- --days-later 31
 * The end-to-end tests move time this way (never through a route of the
 * app); an operator can use it to send due re-asks while the server is down.
 */
import { parseArgs } from "node:util";
import { closeDb } from "~db/client.server";
import { reaskVerdicts } from "~/jobs/reask-verdicts.server";

const { values } = parseArgs({ options: { "days-later": { type: "string", default: "0" } } });
const daysLater = values["days-later"];
if (!/^\d{1,4}$/.test(daysLater)) {
  console.error("--days-later must be a whole number of days (0 to 9999).");
  process.exit(1);
}
const asked = await reaskVerdicts(Date.now() + Number(daysLater) * 86_400_000);
console.log(`Asked ${asked} ${asked === 1 ? "member" : "members"} for their verdict again.`);
await closeDb();
