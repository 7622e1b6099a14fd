/**
 * Forum-like text for the benchmark database: a seeded random source, and
 * Markdown paragraphs, titles and rare words built from it. Only
 * scripts/bench-data.ts uses this.
 */

/** mulberry32: small, fast and good enough to make the same database from the same seed. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  /** A heavy-tailed index in [0, n): low indexes come up far more often (people who post a lot, popular words). */
  const skewed = (n: number, power = 3) => Math.min(n - 1, Math.floor(n * next() ** power));
  /** Log-normal with the given median: most values small, a few very large. */
  const logNormal = (median: number, sigma: number) => {
    const u = Math.max(next(), 1e-12);
    const v = next();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  };
  return { next, int, pick, chance, skewed, logNormal };
}

export type Random = ReturnType<typeof createRandom>;

export const productNames = [
  ["ledger", "Ledger", "Invoicing, expenses and accounting for growing B2B teams."],
  ["pulse", "Pulse", "Product analytics that shows how your customers actually use your software."],
  ["relay", "Relay", "APIs, webhooks and ready-made integrations that connect your whole stack."],
  ["beacon", "Beacon", "Status pages and incident communication your customers can trust."],
  ["harbor", "Harbor", "Document storage with retention rules your auditors will like."],
  ["quill", "Quill", "Contracts drafted, negotiated and signed in one place."],
  ["atlas", "Atlas", "Maps and routing for field teams and deliveries."],
  ["forge", "Forge", "Build pipelines and deployments for teams that ship daily."],
  ["summit", "Summit", "Goals, OKRs and reviews that people actually update."],
  ["canvas", "Canvas", "Design reviews and handoff between designers and engineers."],
  ["tally", "Tally", "Surveys and forms with answers you can act on."],
  ["orbit", "Orbit", "Customer success: health scores, renewals and playbooks."],
  ["keystone", "Keystone", "Identity, single sign-on and access reviews."],
  ["meadow", "Meadow", "HR, time off and onboarding for small companies."],
  ["signal", "Signal", "Alerting and on-call schedules without the noise."],
  ["vault", "Vault", "Secrets and key management for production systems."],
  ["compass", "Compass", "Internal knowledge base and search across tools."],
  ["ember", "Ember", "Email campaigns and lifecycle messaging."],
  ["lattice", "Lattice", "Spreadsheets that talk to your databases."],
  ["drift", "Drift Classic", "The previous generation of our chat widget, kept for existing customers."],
] as const;

export const tagNames = [
  "billing",
  "csv",
  "api",
  "webhooks",
  "permissions",
  "sso",
  "mobile",
  "performance",
  "exports",
  "imports",
  "reports",
  "dashboards",
  "notifications",
  "email",
  "integrations",
  "accessibility",
  "localization",
  "security",
  "onboarding",
  "search",
  "filters",
  "audit",
  "compliance",
  "gdpr",
  "pricing",
  "sandbox",
  "rate-limits",
  "scheduling",
  "templates",
  "attachments",
  "dark-mode",
  "keyboard",
  "offline",
  "automation",
  "analytics",
  "workflows",
  "currency",
  "tax",
  "timezones",
  "bulk-edit",
] as const;

const firstNames = [
  "ada",
  "ben",
  "carla",
  "dev",
  "elif",
  "farah",
  "gus",
  "hana",
  "ivan",
  "jia",
  "kofi",
  "lena",
  "mateo",
  "nia",
  "omar",
  "pia",
  "quinn",
  "ravi",
  "sofia",
  "tom",
  "uma",
  "victor",
  "wen",
  "ximena",
  "yusuf",
  "zoe",
  "aiko",
  "bruno",
  "chidi",
  "dana",
  "emeka",
  "freya",
  "goran",
  "hugo",
  "ines",
  "jonas",
  "kai",
  "liam",
  "maya",
  "noor",
  "oskar",
  "priya",
  "rosa",
  "sami",
  "tariq",
  "ugo",
  "vera",
  "will",
  "yara",
  "zain",
];
const lastNames = [
  "okafor",
  "becker",
  "chen",
  "raman",
  "novak",
  "silva",
  "kowalski",
  "haddad",
  "andersen",
  "murphy",
  "tanaka",
  "moreau",
  "rossi",
  "kim",
  "nguyen",
  "schmidt",
  "garcia",
  "ivanova",
  "mensah",
  "costa",
  "dubois",
  "fischer",
  "jensen",
  "larsen",
  "mehta",
  "nakamura",
  "oliveira",
  "petrov",
  "quintero",
  "reyes",
  "sato",
  "torres",
  "varga",
  "weber",
  "yilmaz",
  "zhang",
  "abbasi",
  "bauer",
  "castro",
  "demir",
];

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function personName(random: Random, index: number) {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  return {
    username: `${first}-${last.slice(0, 3)}${index}`,
    displayName: random.chance(0.7) ? `${capitalize(first)} ${capitalize(last)}` : null,
  };
}

const nouns = [
  "invoice",
  "export",
  "report",
  "dashboard",
  "webhook",
  "filter",
  "permission",
  "workspace",
  "template",
  "integration",
  "account",
  "payment",
  "currency",
  "timezone",
  "schedule",
  "notification",
  "attachment",
  "signature",
  "contract",
  "pipeline",
  "deployment",
  "alert",
  "segment",
  "survey",
  "chart",
  "token",
  "role",
  "audit log",
  "bank feed",
  "credit note",
  "purchase order",
  "expense claim",
  "cost centre",
  "time sheet",
  "release",
  "sandbox",
  "API key",
  "retention rule",
  "status page",
  "on-call rota",
  "form",
  "field mapping",
  "spreadsheet",
  "mobile app",
  "search index",
  "CSV file",
  "PDF",
  "reminder",
  "approval flow",
  "user group",
];
const verbs = [
  "export",
  "import",
  "filter",
  "schedule",
  "archive",
  "duplicate",
  "approve",
  "share",
  "sync",
  "reconcile",
  "rename",
  "merge",
  "split",
  "tag",
  "restore",
  "preview",
  "download",
  "upload",
  "automate",
  "translate",
];
const problems = [
  "shows the wrong total",
  "times out after about a minute",
  "loses the last column",
  "ignores the timezone",
  "sends the email twice",
  "rounds every amount down",
  "comes back empty",
  "asks me to sign in again",
  "skips rows with accents",
  "takes ages on large accounts",
  "doesn't keep my filters",
  "breaks the layout on mobile",
];
const wishes = [
  "it would save us hours every month",
  "our finance team asks for this weekly",
  "we could drop a spreadsheet",
  "new colleagues would stop getting lost",
  "our auditors would finally be happy",
  "it would match how we already work",
  "customers keep asking us for it",
  "we would not need a second tool",
];
const openers = [
  "We run",
  "Our team uses",
  "I look after",
  "At my company we rely on",
  "For about a year we have used",
  "Since the last release I have been testing",
];

function sentence(random: Random, product: string): string {
  const noun = random.pick(nouns);
  const other = random.pick(nouns);
  switch (random.int(0, 9)) {
    case 0:
      return `When I ${random.pick(verbs)} a ${noun} in ${product}, the ${other} ${random.pick(problems)}.`;
    case 1:
      return `${random.pick(openers)} ${product} for ${random.int(2, 400)} people and the ${noun} is the part everyone touches.`;
    case 2:
      return `It would help a lot to ${random.pick(verbs)} every ${noun} at once, because ${random.pick(wishes)}.`;
    case 3:
      return `Has anyone found a way to ${random.pick(verbs)} the ${noun} without exporting it first?`;
    case 4:
      return `The workaround we use is to ${random.pick(verbs)} the ${other} by hand, which is fine for ten rows and painful for a thousand.`;
    case 5:
      return `After the update the ${noun} ${random.pick(problems)}, although the ${other} still looks right.`;
    case 6:
      return `Support suggested checking the ${noun} settings, and that fixed it for one account but not the other.`;
    case 7:
      return `If the ${noun} could remember the ${other}, ${random.pick(wishes)}.`;
    case 8:
      return `I tried it on a copy of our ${other} first, and the ${noun} ${random.pick(problems)} there as well.`;
    default:
      return `Thanks for looking into the ${noun}; the details above should be enough to reproduce it.`;
  }
}

function inline(random: Random, text: string): string {
  const roll = random.int(0, 9);
  if (roll === 0) return text.replace(/ the (\w+)/, " the **$1**");
  if (roll === 1) return text.replace(/ a (\w+)/, " a `$1`");
  if (roll === 2) return `${text} More in [the help centre](https://help.example.com/articles/${random.int(100, 999)}).`;
  if (roll === 3) return text.replace(/ every (\w+)/, " _every_ $1");
  return text;
}

/** One Markdown block: mostly prose, sometimes a list, steps, a quote or a code sample. */
export function paragraph(random: Random): string {
  const product = random.pick(productNames)[1];
  const shape = random.int(0, 19);
  if (shape === 0) {
    return Array.from({ length: random.int(3, 5) }, () => `- ${inline(random, sentence(random, product))}`).join("\n");
  }
  if (shape === 1) {
    return Array.from({ length: random.int(3, 4) }, (_, i) => `${i + 1}. ${sentence(random, product)}`).join("\n");
  }
  if (shape === 2) return `> ${sentence(random, product)}`;
  if (shape === 3) {
    const field = random.pick(nouns).replace(/\W+/g, "_");
    return ["```json", `{ "${field}": ${random.int(1, 9999)}, "status": "${random.pick(["ok", "failed", "pending"])}" }`, "```"].join("\n");
  }
  return Array.from({ length: random.int(1, 4) }, () => inline(random, sentence(random, product))).join(" ");
}

const titleShapes: ((random: Random, a: string, b: string) => string)[] = [
  (r, a) => `How do I ${r.pick(verbs)} a ${a}?`,
  (_r, a, b) => `${capitalize(a)} ${b}s after the latest update`,
  (r, a) => `Idea: ${r.pick(verbs)} ${a}s in bulk`,
  (r, a, b) => `${capitalize(a)} ${r.pick(problems)} with ${b}`,
  (_r, a, b) => `Best way to handle ${a} and ${b} together?`,
  (r, a) => `Let us ${r.pick(verbs)} the ${a} from the mobile app`,
  (_r, a, b) => `What does your ${a} setup look like for ${b}?`,
  (r, a) => `Why does the ${a} ${r.pick(problems)}?`,
];

export function title(random: Random, rareWord: string): string {
  return random.pick(titleShapes)(random, random.pick(nouns), rareWord);
}

const syllables = [
  "ka",
  "lo",
  "mi",
  "ra",
  "ven",
  "tor",
  "bel",
  "sin",
  "dra",
  "qu",
  "zel",
  "pha",
  "nor",
  "tis",
  "gam",
  "lux",
  "rem",
  "ost",
  "wy",
  "fen",
];

/**
 * A long tail of made-up words (feature names, error codes, customer names)
 * with a skewed frequency, so full-text queries match a realistic number of
 * rows rather than every reuse of a pooled paragraph.
 */
export function rareWords(random: Random, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    words.add(Array.from({ length: random.int(2, 4) }, () => random.pick(syllables)).join(""));
  }
  return [...words];
}
