import { seedDemoAccounts } from "./seed-accounts";
import type { Kysely, Transaction } from "kysely";
import { hashPassword } from "~/auth/password.server";
import { renderMarkdown } from "~/markdown/render.server";
import type { Database, IdeaStatus, Role, ThreadKind, Verdict } from "./schema";

import { DEMO_PASSWORD } from "./demo";
import { lockNamed } from "./engine.server";

// The demo forum a new development database starts with; the README lists its accounts.

export { DEMO_PASSWORD };

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const users = [
  {
    username: "admin",
    display_name: "Ada Admin",
    role: "admin",
    bio: "Runs the Cocreate community. Ask me about accounts and product areas.",
  },
  {
    username: "staff",
    display_name: "Sam from Cocreate",
    role: "staff",
    bio: "Product manager for Ledger and Relay. I read every idea posted here.",
  },
  { username: "member", display_name: "Mia Member", role: "member", bio: "Finance operations lead at a 40-person logistics company." },
  { username: "priya", display_name: "Priya Raman", role: "member", bio: "Head of Data at a SaaS scale-up. Lives in Pulse dashboards." },
  {
    username: "jonas",
    display_name: "Jonas Becker",
    role: "member",
    bio: "Backend engineer connecting our ERP to everything through Relay.",
  },
  {
    username: "li-wei",
    display_name: "Li Wei Chen",
    role: "member",
    bio: "Group controller for two entities. Month-end close is my busiest week.",
  },
  {
    username: "dana",
    display_name: "Dana Okafor",
    role: "member",
    bio: "Customer success manager. I bring our customers' questions here.",
  },
] as const satisfies readonly { username: string; display_name: string; role: Role; bio: string }[];

type Username = (typeof users)[number]["username"];

const products = [
  { slug: "ledger", name: "Ledger", description: "Invoicing, expenses and accounting for growing B2B teams." },
  { slug: "pulse", name: "Pulse", description: "Product analytics that shows how your customers actually use your software." },
  { slug: "relay", name: "Relay", description: "APIs, webhooks and ready-made integrations that connect your whole stack." },
] as const;

type ProductSlug = (typeof products)[number]["slug"];

const tags = [
  { slug: "bank-feeds", name: "Bank feeds" },
  { slug: "exports", name: "Exports" },
  { slug: "month-end", name: "Month-end close" },
  { slug: "dashboards", name: "Dashboards" },
  { slug: "webhooks", name: "Webhooks" },
] as const;

type TagSlug = (typeof tags)[number]["slug"];

interface DemoReply {
  author: Username;
  hoursAfter: number;
  body: string;
  /** Marks this reply as the question's accepted answer. */
  accepted?: true;
  /** Credits the reply's author as a co-designer of the idea with this contribution. */
  credit?: string;
}

interface DemoThread {
  product: ProductSlug;
  author: Username;
  kind: ThreadKind;
  title: string;
  daysAgo: number;
  body: string;
  status?: IdeaStatus;
  voters?: Username[];
  /** Staff accepted the idea as co-designed this many hours after it was posted. */
  coDesignedAfterHours?: number;
  /** The idea's status changes by staff, in order; the last one is its current status. */
  timeline?: { to: IdeaStatus; hoursAfter: number; note?: string }[];
  /** Tag slugs (from `tags` below). */
  tags?: TagSlug[];
  /** Members' own measures of success, and (once shipped) their verdicts; `later`: the verdicts of the re-asks. */
  measures?: {
    author: Username;
    measure: string;
    verdict?: Verdict;
    comment?: string;
    later?: { afterDays: number; verdict: Verdict; comment?: string }[];
  }[];
  /** The title of an earlier idea this one follows up, opened by its author from their verdict there. */
  followUpOf?: string;
  /** The release staff target ("2027-Q1"), set this many hours after posting; a public one is on the roadmap and the timeline. */
  target?: { release: string; public: boolean; hoursAfter: number };
  /** Issues in the engineers' tracker linked to the idea. */
  issues?: { url: string; tracker: "github" | "jira"; key: string; public: boolean }[];
  replies: DemoReply[];
}

/** Customer accounts and their people, for the success ledgers (/accounts/:slug/success). */
const accounts = [
  { slug: "northwind", name: "Northwind Analytics", plan: "enterprise", segment: "mid-market", arr: 180_000, people: ["priya", "jonas"] },
  { slug: "brightline", name: "Brightline Logistics", plan: "growth", segment: "smb", arr: 45_000, people: ["member", "dana", "li-wei"] },
] as const satisfies readonly { slug: string; name: string; plan: string; segment: string; arr: number; people: readonly Username[] }[];

/** Lets Markdown be indented along with the code: strips the common leading indentation. */
function md(strings: TemplateStringsArray): string {
  const lines = strings.join("").replace(/^\n/, "").trimEnd().split("\n");
  const indents = lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length);
  const indent = Math.min(...indents);
  return lines.map((line) => line.slice(indent)).join("\n");
}

const threads: DemoThread[] = [
  {
    product: "ledger",
    author: "member",
    kind: "idea",
    status: "planned",
    daysAgo: 41.2,
    coDesignedAfterHours: 70,
    title: "Import bank transactions from any CSV file",
    tags: ["bank-feeds", "month-end"],
    voters: ["li-wei", "jonas", "priya", "dana"],
    timeline: [
      { to: "under_review", hoursAfter: 30, note: "Reviewing with the bank-feeds team." },
      { to: "planned", hoursAfter: 70, note: "Planned for the next quarter, co-designed with Mia and Li Wei." },
    ],
    target: { release: "2027-Q1", public: true, hoursAfter: 72 },
    issues: [
      { url: "https://github.com/acme/ledger/issues/482", tracker: "github", key: "acme/ledger#482", public: true },
      { url: "https://acme.atlassian.net/browse/LED-1193", tracker: "jira", key: "LED-1193", public: false },
    ],
    measures: [
      { author: "member", measure: "Our weekly import of ~150 transactions takes under five minutes instead of a morning." },
      { author: "li-wei", measure: "I can import from all three of our banks without editing a single file first." },
    ],
    body: md`
      Our main bank is a regional cooperative that Ledger's bank feeds don't support, so every week
      I export a CSV from online banking and retype around 150 transactions. It takes most of a Monday morning.

      What I'd love:

      1. Upload the CSV on the bank account page.
      2. Tell Ledger which column holds the date, the amount and the description.
      3. Ledger remembers that mapping, so next week it's a single upload.

      If I upload an overlapping date range by accident, duplicates should be skipped.
    `,
    replies: [
      {
        author: "li-wei",
        hoursAfter: 6,
        credit: "Suggested the CSV column mapping",
        body: md`
          Yes please. Two details that would make or break it for us:

          - Some banks export **one signed amount** column, others separate _debit_ and _credit_ columns. The mapping should handle both.
          - Let me pick the date format (DD.MM.YYYY or MM/DD/YYYY) instead of guessing. A wrong guess in the first twelve days of a month is silent and nasty.

          And please save the mapping per bank account, not per company: we have three banks with three formats.
        `,
      },
      {
        author: "jonas",
        hoursAfter: 22,
        body: "+1. Our German bank exports semicolon-separated files with a comma as the decimal separator, so a delimiter setting would be needed too.",
      },
      {
        author: "staff",
        hoursAfter: 70,
        body: md`
          Thank you all, this is exactly the detail we need. We've moved the idea to **planned** and accepted it
          as co-designed with Mia and Li Wei. The first version will:

          - accept comma and semicolon delimiters and both decimal separators
          - map either one signed amount or separate debit and credit columns
          - ask for the date format explicitly and remember the mapping per bank account
          - skip rows that match an existing transaction on date, amount and reference

          We'll share mockups of the upload screen here before we build it.
        `,
      },
      {
        author: "member",
        hoursAfter: 75,
        body: "That covers everything we need. Happy to test an early build with our real (anonymised) files.",
      },
    ],
  },
  {
    product: "ledger",
    author: "li-wei",
    kind: "question",
    daysAgo: 34.6,
    title: "How do I correct an invoice from a period that's already closed?",
    body: md`
      A customer found a pricing mistake on an invoice we sent two months ago, and that month is already
      closed in Ledger. What's the right way to correct it without reopening the period?

      I'd like the audit trail to show what happened rather than quietly editing the original.
    `,
    replies: [
      {
        author: "member",
        hoursAfter: 4,
        body: "We had the same last quarter. Don't edit the original: issue a **credit note** against it, dated in the current open period, then send a new invoice with the right price. Ledger links the credit note to the original invoice, so the audit trail shows both.",
      },
      {
        author: "li-wei",
        hoursAfter: 9,
        body: "Thanks Mia. Does the VAT correction then land in the current period too? Our auditor would prefer it in the original period.",
      },
      {
        author: "staff",
        hoursAfter: 28,
        body: "Good question. The credit note's VAT is reported in the period of the credit note's date; putting it into a closed period isn't possible today without reopening it. I'm checking with our accounting specialists whether there's a recommended approach for your country and will report back here.",
      },
    ],
  },
  {
    product: "ledger",
    author: "staff",
    kind: "discussion",
    daysAgo: 20.4,
    title: "What does your month-end close look like?",
    tags: ["month-end"],
    body: md`
      We're planning the next round of work on Ledger's closing tools and would like to hear how you
      actually close the month, not how the manual says you should.

      - Which steps take you the longest?
      - What do you still do in spreadsheets?
      - What would you happily never do again?

      Short answers are great. If you'd rather talk it through, say so and I'll set up a call.
    `,
    replies: [
      {
        author: "li-wei",
        hoursAfter: 3,
        body: md`
          Ours takes four working days. The slowest parts:

          1. Matching card transactions to receipts (days one and two)
          2. Accruals, which live in a spreadsheet because they need a reviewer's sign-off
          3. Intercompany balances between our two entities

          I would happily never chase anyone for a receipt again.
        `,
      },
      {
        author: "member",
        hoursAfter: 26,
        body: "Two days for us, mostly bank reconciliation (see the CSV import idea). After that it's smooth.",
      },
      {
        author: "staff",
        hoursAfter: 30,
        body: "Thanks both, this is really useful. Accrual sign-off keeps coming up in our interviews too; I'll share what we learn.",
      },
    ],
  },
  {
    product: "ledger",
    author: "dana",
    kind: "question",
    daysAgo: 8.7,
    title: "Can payment reminders go out in the customer's language?",
    body: "Several of our customers are in France and the Netherlands, and the automatic payment reminders always go out in English. Is there a per-customer language setting for reminders, or do I need separate reminder templates?",
    replies: [
      {
        author: "member",
        hoursAfter: 5,
        body: "As far as I know there's no language setting per customer yet. Our workaround is a **customer group** per language, each with its own reminder schedule and template. It works, but you have to remember to put new customers in the right group.",
      },
    ],
  },
  {
    product: "ledger",
    author: "li-wei",
    kind: "idea",
    daysAgo: 1.9,
    title: "Lock periods per entity, not for the whole company",
    tags: ["month-end"],
    voters: ["member", "dana"],
    body: "We run two legal entities in one Ledger company. The German entity closes on the third working day, the US entity on the eighth. Locking a period today locks it for both, so the faster team waits for the slower one. Per-entity period locks would fix that.",
    replies: [
      { author: "member", hoursAfter: 5, body: "We only have one entity, but I'd have expected it to work this way already. Voted." },
    ],
  },
  {
    product: "pulse",
    author: "priya",
    kind: "question",
    daysAgo: 28.3,
    title: "Funnel numbers don't match our data warehouse",
    body: md`
      Our signup → activation funnel in Pulse shows **1,284** activations for last week, but our warehouse
      says **1,241**. Both load the same raw events. This is the query on our side:

      ~~~sql
      select count(distinct user_id)
      from events
      where name = 'activated'
        and occurred_at >= date_trunc('week', now()) - interval '7 days'
        and occurred_at <  date_trunc('week', now());
      ~~~

      Is Pulse using a different timezone for the week boundaries?
    `,
    replies: [
      {
        author: "staff",
        hoursAfter: 5,
        body: "Pulse uses your **workspace timezone** for day and week boundaries (Settings → Workspace), while `now()` in most warehouses is UTC. A gap of 43 over a week fits that well. Could you run the query with `at time zone` set to your workspace timezone and compare?",
      },
      {
        author: "priya",
        hoursAfter: 27,
        body: "That closed most of it: 1,279 against 1,284 now. The last five may be late-arriving events. I'll dig further and come back.",
      },
    ],
  },
  {
    product: "pulse",
    author: "priya",
    kind: "idea",
    status: "under_review",
    daysAgo: 24.1,
    title: "Compare two cohorts side by side on one chart",
    tags: ["dashboards"],
    voters: ["dana", "member", "jonas"],
    body: md`
      When we launch a feature, I want to compare customers who adopted it with customers who didn't:
      retention, weekly active days, that kind of thing. Today I build two charts and line them up in screenshots.

      A **compare** option on any chart that splits it by two saved cohorts would save me hours every launch.
    `,
    replies: [
      {
        author: "dana",
        hoursAfter: 8,
        body: "This would help customer success too: accounts that finished onboarding against accounts that didn't.",
      },
      {
        author: "staff",
        hoursAfter: 50,
        body: "We've moved this to **under review** and our designers are sketching how a comparison fits into the chart builder. One question for you both: are two cohorts enough, or do you often need three or more?",
      },
      {
        author: "priya",
        hoursAfter: 56,
        body: "Two covers nine out of ten of my cases. Three would be nice for A/B/C tests, but I wouldn't wait for it.",
      },
    ],
  },
  {
    product: "pulse",
    author: "dana",
    kind: "discussion",
    daysAgo: 15.8,
    title: "How we use Pulse to spot accounts at risk of churning",
    body: md`
      Sharing our setup in case it helps others. We built a health dashboard that the customer success
      team checks every Monday. The signals that turned out to matter most for us:

      - **Weekly active users** dropping by more than 30% over four weeks
      - The account's admin not signing in for 21 days
      - No use of reporting in the first 30 days

      None of these is alarming on its own; two at once is when we pick up the phone.
      Which signals do you use?
    `,
    replies: [
      {
        author: "priya",
        hoursAfter: 6,
        body: "Great write-up. We found that *breadth* predicts churn better than volume: the number of distinct features an account uses per week. An account using one feature heavily churns more often than one using four lightly.",
      },
      {
        author: "staff",
        hoursAfter: 30,
        body: "Thanks for sharing this, Dana. To take it further, you can save each signal as a cohort and get an email whenever an account enters it. See [cohort alerts](https://docs.example.com/pulse/cohort-alerts) in the docs.",
      },
    ],
  },
  {
    product: "pulse",
    author: "priya",
    kind: "idea",
    status: "shipped",
    daysAgo: 52.4,
    coDesignedAfterHours: 50,
    title: "Export any chart's data as CSV",
    tags: ["exports", "dashboards"],
    voters: ["dana", "jonas", "member", "li-wei"],
    body: md`
      Every month I rebuild the same retention chart in a spreadsheet for our board deck, because there is
      no way to get the numbers behind a Pulse chart out of Pulse.

      An **Export CSV** action on every chart, with exactly the rows and columns the chart shows
      (same filters, same date range), would save me an afternoon each month.
    `,
    timeline: [
      { to: "under_review", hoursAfter: 20 },
      { to: "planned", hoursAfter: 50, note: "Planned. Thanks Priya and Dana for the detailed examples." },
      { to: "in_progress", hoursAfter: 200, note: "In progress: the export menu is in design review." },
      {
        to: "shipped",
        hoursAfter: 300,
        note: "Shipped: every chart now has **Export CSV** in its ⋯ menu, with the chart's filters and date range applied.",
      },
    ],
    measures: [
      {
        author: "priya",
        measure: "I get the board deck's retention numbers in under a minute, without rebuilding the chart.",
        verdict: "met",
        comment: "Took me 20 seconds this month.",
        later: [{ afterDays: 30, verdict: "met", comment: "Still 20 seconds, every month." }],
      },
      {
        author: "dana",
        measure: "Customers can export a cohort's numbers themselves without asking support.",
        verdict: "partly",
        comment: "Works for charts, but cohort tables still can't be exported.",
        later: [{ afterDays: 30, verdict: "not_met", comment: "Support still gets two cohort export requests a week." }],
      },
      { author: "jonas", measure: "The CSV opens correctly in Excel with our German locale." },
    ],
    replies: [
      {
        author: "dana",
        hoursAfter: 8,
        credit: "Asked for cohort tables and filters to carry over",
        body: "Yes! Please make sure the export keeps the chart's filters; our customers build very specific cohorts.",
      },
      {
        author: "staff",
        hoursAfter: 50,
        body: "We've planned this and accepted it as co-designed with Priya and Dana. We'll post here when it ships.",
      },
    ],
  },
  {
    product: "pulse",
    author: "dana",
    kind: "idea",
    daysAgo: 6.2,
    title: "Email a dashboard snapshot on a schedule",
    tags: ["dashboards", "exports"],
    voters: ["priya", "li-wei", "member"],
    body: "Our leadership team won't sign in to Pulse, but they do read email. I'd like to schedule a dashboard to be sent as an image or PDF every Monday at 8:00 to a list of addresses, including people without a Pulse seat.",
    replies: [
      {
        author: "li-wei",
        hoursAfter: 20,
        body: "Same for our board pack. Please put the date range in the subject line so it's obvious which week the numbers cover.",
      },
    ],
  },
  {
    product: "pulse",
    author: "jonas",
    kind: "question",
    daysAgo: 2.9,
    title: "Excluding our own employees from every report",
    body: "Our own team uses the product a lot, which inflates our numbers. I can filter out `@ourcompany.com` emails chart by chart, but is there a workspace-wide way to exclude internal users?",
    replies: [],
  },
  {
    product: "relay",
    author: "jonas",
    kind: "question",
    daysAgo: 31.7,
    title: "Webhook signature check fails on every request",
    tags: ["webhooks"],
    body: md`
      I'm verifying Relay webhook signatures in our Express app, but the check fails on every request,
      even for the test event from the dashboard:

      ~~~ts
      app.use(express.json());

      app.post("/hooks/relay", (req, res) => {
        const expected = createHmac("sha256", secret).update(JSON.stringify(req.body)).digest("hex");
        if (expected !== req.get("Relay-Signature")) return res.sendStatus(401);
        // ...
      });
      ~~~

      The secret is definitely right; I've copied it twice. What am I missing?
    `,
    replies: [
      {
        author: "staff",
        hoursAfter: 3,
        accepted: true,
        body: md`
          The signature is computed over the **raw request body**, byte for byte. By the time your handler runs,
          \`express.json()\` has parsed it, and \`JSON.stringify\` doesn't reproduce the original bytes (spacing,
          key order, escaped characters), so the hashes never match. Read the raw body on this route instead:

          ~~~ts
          app.post("/hooks/relay", express.raw({ type: "application/json" }), (req, res) => {
            const expected = createHmac("sha256", secret).update(req.body).digest();
            const received = Buffer.from(req.get("Relay-Signature") ?? "", "hex");
            if (received.length !== expected.length || !timingSafeEqual(expected, received)) {
              return res.sendStatus(401);
            }
            const event = JSON.parse(req.body.toString("utf8"));
            // ...
          });
          ~~~

          Comparing with \`timingSafeEqual\` also avoids leaking timing information. The
          [webhook docs](https://docs.example.com/relay/webhooks#verify-signatures) have the full example.
        `,
      },
      {
        author: "jonas",
        hoursAfter: 5,
        body: "That was it: `express.raw` on the webhook route and every event verifies now. Thanks, Sam!",
      },
    ],
  },
  {
    product: "relay",
    author: "jonas",
    kind: "discussion",
    daysAgo: 18.2,
    title: "Share your Relay integration recipes",
    body: md`
      I'll start. We sync paid invoices from Ledger into our ERP with Relay:

      1. **Trigger:** the Ledger event \`invoice.paid\`
      2. **Transform:** map the customer number and cost centre
      3. **Action:** an HTTP call to the ERP's booking endpoint, retried with backoff

      It replaced a nightly CSV export and has run for three months without a hiccup. What are you connecting?
    `,
    replies: [
      {
        author: "dana",
        hoursAfter: 7,
        body: 'We push new Pulse cohorts ("trial accounts with low activity") into our CRM as tasks for the account owner. It took one afternoon to set up.',
      },
      {
        author: "staff",
        hoursAfter: 24,
        body: "Love these. If you're both happy with it, we'd like to turn them into templates in the Relay gallery, credited to you of course.",
      },
      { author: "jonas", hoursAfter: 30, body: "Go ahead!" },
    ],
  },
  {
    product: "relay",
    author: "jonas",
    kind: "idea",
    daysAgo: 12.6,
    title: "Retry failed webhook deliveries from the dashboard",
    tags: ["webhooks"],
    voters: ["dana", "member", "li-wei"],
    body: md`
      Our endpoint was down for an hour during a deploy, and Relay gave up on a few deliveries after the last
      automatic retry. The delivery log shows them, but the only way to resend is through the API.

      A **Retry** button on each failed delivery, plus a _retry everything that failed since…_ option,
      would make cleaning up after an incident much calmer.
    `,
    replies: [
      {
        author: "dana",
        hoursAfter: 9,
        body: "+1. Our support team can see the failed deliveries but can't do anything about them without asking an engineer.",
      },
      {
        author: "staff",
        hoursAfter: 26,
        body: "Thanks Jonas. Until this exists, `POST /v2/deliveries/{id}/retry` resends a single delivery, so a short script can loop over the failed ones from the log. We're collecting votes for the dashboard version.",
      },
    ],
  },
  {
    product: "pulse",
    author: "dana",
    kind: "idea",
    daysAgo: 9,
    followUpOf: "Export any chart's data as CSV",
    title: "Follow-up: Export any chart's data as CSV",
    voters: ["dana", "priya"],
    body: md`
      A follow-up to “Export any chart's data as CSV”, which shipped but partly met my measure of success:

      > Customers can export a cohort's numbers themselves without asking support.

      What was missing:

      > Support still gets two cohort export requests a week.
    `,
    replies: [],
  },
];

/** Fills an empty database with the demo forum; returns whether it did (false when any user is there already). */
export async function seedDemo(db: Kysely<Database>): Promise<boolean> {
  const anyUser = (source: Kysely<Database>) => source.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (await anyUser(db)) return false;
  const now = Date.now();
  // argon2 is deliberately slow, so every demo account shares one hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    // Two fresh processes starting together both find no users: the second waits here, then finds the first's.
    await lockNamed(trx, "seed-demo");
    if (await anyUser(trx)) return false;
    const userIds = new Map<Username, number>();
    for (const [index, user] of users.entries()) {
      const { id } = await trx
        .insertInto("users")
        .values({
          ...user,
          email: `${user.username}@example.com`,
          password_hash: passwordHash,
          created_at: now - (60 - index * 2) * DAY,
          email_verified_at: now - (60 - index * 2) * DAY,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      userIds.set(user.username, id);
    }

    const productIds = new Map<ProductSlug, number>();
    for (const [index, product] of products.entries()) {
      const { id } = await trx
        .insertInto("products")
        .values({ ...product, position: index + 1, created_at: now - 60 * DAY })
        .returning("id")
        .executeTakeFirstOrThrow();
      productIds.set(product.slug, id);
    }

    // The demo member follows Ledger: its new threads reach their notifications.
    await trx
      .insertInto("product_subscriptions")
      .values({ user_id: lookup(userIds, "member"), product_id: lookup(productIds, "ledger"), level: "threads", created_at: now })
      .execute();

    const tagIds = new Map<TagSlug, number>();
    for (const tag of tags) {
      const { id } = await trx
        .insertInto("tags")
        .values({ ...tag, created_at: now - 60 * DAY })
        .returning("id")
        .executeTakeFirstOrThrow();
      tagIds.set(tag.slug, id);
    }

    for (const { people, ...account } of accounts) {
      const { id } = await trx
        .insertInto("accounts")
        .values({ ...account, owner_id: lookup(userIds, "staff"), created_at: now - 60 * DAY, updated_at: now - 60 * DAY })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("users")
        .set({ account_id: id })
        .where(
          "id",
          "in",
          people.map((person) => lookup(userIds, person)),
        )
        .execute();
    }

    const staffId = lookup(userIds, "staff");
    const threadIds = new Map<string, number>();
    for (const thread of threads) {
      const createdAt = now - thread.daysAgo * DAY;
      const replyTimes = thread.replies.map((reply) => createdAt + reply.hoursAfter * HOUR);
      const voters = thread.voters ?? [];
      const coDesignedAt = thread.coDesignedAfterHours === undefined ? null : createdAt + thread.coDesignedAfterHours * HOUR;

      const { id: threadId } = await trx
        .insertInto("threads")
        .values({
          product_id: lookup(productIds, thread.product),
          author_id: lookup(userIds, thread.author),
          kind: thread.kind,
          title: thread.title,
          body: thread.body,
          body_html: renderMarkdown(thread.body),
          status: thread.kind === "idea" ? (thread.timeline?.at(-1)?.to ?? thread.status ?? "open") : null,
          status_changed_at: thread.kind === "idea" ? createdAt + (thread.timeline?.at(-1)?.hoursAfter ?? 0) * HOUR : null,
          co_designed_at: coDesignedAt,
          co_designed_by: coDesignedAt === null ? null : staffId,
          target_release: thread.target?.release ?? null,
          target_public: thread.target?.public ? 1 : 0,
          vote_count: voters.length,
          reply_count: thread.replies.length,
          last_activity_at: Math.max(createdAt, ...replyTimes),
          created_at: createdAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      threadIds.set(thread.title, threadId);

      const credits = coDesignedAt === null ? [] : [{ user_id: lookup(userIds, thread.author), contribution: "Proposed the idea" }];
      const postIds: number[] = [];
      for (const [index, reply] of thread.replies.entries()) {
        const { id: postId } = await trx
          .insertInto("posts")
          .values({
            thread_id: threadId,
            author_id: lookup(userIds, reply.author),
            body: reply.body,
            body_html: renderMarkdown(reply.body),
            created_at: replyTimes[index] ?? createdAt,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        postIds.push(postId);
        if (reply.accepted) {
          await trx.updateTable("threads").set({ accepted_answer_post_id: postId }).where("id", "=", threadId).execute();
        }
        if (reply.credit) credits.push({ user_id: lookup(userIds, reply.author), contribution: reply.credit });
      }

      await seedReading(trx, { threadId, authorId: lookup(userIds, thread.author), postIds, createdAt }, [
        lookup(userIds, "member"),
        staffId,
      ]);
      for (const [index, voter] of voters.entries()) {
        const votedAt = Math.min(createdAt + (index + 1) * 4 * HOUR, now);
        await trx
          .insertInto("votes")
          .values({ thread_id: threadId, user_id: lookup(userIds, voter), created_at: votedAt })
          .execute();
      }
      for (const tag of thread.tags ?? []) {
        await trx
          .insertInto("thread_tags")
          .values({ thread_id: threadId, tag_id: lookup(tagIds, tag) })
          .execute();
      }
      let from: IdeaStatus = "open";
      for (const change of thread.timeline ?? []) {
        await trx
          .insertInto("status_changes")
          .values({
            thread_id: threadId,
            from_status: from,
            to_status: change.to,
            actor_id: staffId,
            note: change.note ?? "",
            note_html: change.note ? renderMarkdown(change.note) : "",
            merged_into_id: null,
            created_at: createdAt + change.hoursAfter * HOUR,
          })
          .execute();
        from = change.to;
      }
      if (thread.target?.public) {
        await trx
          .insertInto("target_changes")
          .values({
            thread_id: threadId,
            from_target: null,
            to_target: thread.target.release,
            actor_id: staffId,
            created_at: createdAt + thread.target.hoursAfter * HOUR,
          })
          .execute();
      }
      for (const issue of thread.issues ?? []) {
        await trx
          .insertInto("issue_links")
          .values({
            thread_id: threadId,
            url: issue.url,
            tracker: issue.tracker,
            issue_key: issue.key,
            is_public: issue.public ? 1 : 0,
            created_by: staffId,
            created_at: createdAt + 72 * HOUR,
          })
          .execute();
      }
      const shippedAt = thread.timeline?.find((change) => change.to === "shipped")?.hoursAfter;
      for (const measure of thread.measures ?? []) {
        const writtenAt = createdAt + 12 * HOUR;
        const shippedTime = shippedAt === undefined ? null : createdAt + shippedAt * HOUR;
        const verdictAt = measure.verdict && shippedTime !== null ? Math.min(shippedTime + 30 * HOUR, now) : null;
        const rounds =
          verdictAt === null ? [] : [{ afterDays: 0, verdict: measure.verdict!, comment: measure.comment }, ...(measure.later ?? [])];
        const latest = rounds.at(-1);
        const roundAt = (afterDays: number) => Math.min((shippedTime ?? now) + afterDays * DAY + 30 * HOUR, now);
        const { id: measureId } = await trx
          .insertInto("success_measures")
          .values({
            thread_id: threadId,
            user_id: lookup(userIds, measure.author),
            measure: measure.measure,
            verdict: latest?.verdict ?? null,
            verdict_comment: latest?.comment ?? null,
            verdict_at: latest ? roundAt(latest.afterDays) : null,
            asked_at: shippedTime === null ? null : Math.min(shippedTime + (latest?.afterDays ?? 0) * DAY, now),
            asked_after_days: latest?.afterDays ?? 0,
            created_at: writtenAt,
            updated_at: writtenAt,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const round of rounds) {
          await trx
            .insertInto("success_verdicts")
            .values({
              measure_id: measureId,
              after_days: round.afterDays,
              verdict: round.verdict,
              comment: round.comment ?? null,
              created_at: roundAt(round.afterDays),
            })
            .execute();
        }
      }
      threadIds.set(thread.title, threadId);
      if (thread.followUpOf) {
        const originalId = lookup(threadIds, thread.followUpOf);
        await trx.updateTable("threads").set({ follow_up_of_id: originalId }).where("id", "=", threadId).execute();
        await trx
          .updateTable("success_measures")
          .set({ follow_up_id: threadId })
          .where("thread_id", "=", originalId)
          .where("user_id", "=", lookup(userIds, thread.author))
          .execute();
      }
      if (coDesignedAt !== null) {
        for (const credit of credits) {
          await trx
            .insertInto("co_designers")
            .values({ ...credit, thread_id: threadId, credited_by: staffId, created_at: coDesignedAt })
            .execute();
        }
      }
    }
    await seedCodesignGroup(trx, userIds, lookup(threadIds, "Import bank transactions from any CSV file"), now);
    await seedAnnouncement(trx, staffId, lookup(productIds, "ledger"), now);
    await seedPoll(trx, userIds, lookup(threadIds, "What does your month-end close look like?"), now);
    await seedDemoAccounts(trx, staffId, now);
    return true;
  });
}

/**
 * Reading (issue 20): the demo member and staff have read each thread with
 * two or more replies up to its first reply, so lists show "new" markers;
 * they like the opening post of what they did not write.
 */
async function seedReading(
  trx: Transaction<Database>,
  thread: { threadId: number; authorId: number; postIds: number[]; createdAt: number },
  readers: number[],
) {
  for (const userId of readers) {
    if (thread.postIds.length >= 2) {
      await trx
        .insertInto("thread_reads")
        .values({ user_id: userId, thread_id: thread.threadId, last_read_post_id: thread.postIds[0]!, read_at: thread.createdAt + HOUR })
        .execute();
    }
    if (userId !== thread.authorId) {
      await trx
        .insertInto("reactions")
        .values({ thread_id: thread.threadId, post_id: null, user_id: userId, created_at: thread.createdAt + HOUR })
        .execute();
    }
  }
}

/** A co-design group on the planned CSV import idea: two customers in (one named), one still invited, a private discussion. */
async function seedCodesignGroup(trx: Kysely<Database>, userIds: Map<Username, number>, ideaId: number, now: number) {
  const staffId = lookup(userIds, "staff");
  const idea = await trx.selectFrom("threads").select(["product_id", "title"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
  const { id: groupId } = await trx
    .insertInto("codesign_groups")
    .values({ idea_id: ideaId, created_by: staffId, created_at: now - 20 * DAY })
    .returning("id")
    .executeTakeFirstOrThrow();
  const members = [
    { username: "member", state: "accepted", show: 1 },
    { username: "li-wei", state: "accepted", show: 0 },
    { username: "jonas", state: "invited", show: 0 },
  ] as const;
  for (const m of members) {
    await trx
      .insertInto("codesign_members")
      .values({
        group_id: groupId,
        user_id: lookup(userIds, m.username),
        state: m.state,
        show_name: m.show,
        invited_by: staffId,
        invited_at: now - 20 * DAY,
        responded_at: m.state === "accepted" ? now - 19 * DAY : null,
      })
      .execute();
  }
  const body = "Private to the co-design group: which column mappings should Ledger remember per bank?";
  const reply = "Our cooperative bank puts debit and credit in separate columns, so one amount column won't do.";
  const { id: threadId } = await trx
    .insertInto("threads")
    .values({
      product_id: idea.product_id,
      author_id: staffId,
      kind: "discussion",
      title: `Co-design group: ${idea.title}`,
      body,
      body_html: renderMarkdown(body),
      reply_count: 1,
      last_activity_at: now - 18 * DAY,
      created_at: now - 20 * DAY,
      group_id: groupId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("posts")
    .values({
      thread_id: threadId,
      author_id: lookup(userIds, "li-wei"),
      body: reply,
      body_html: renderMarkdown(reply),
      created_at: now - 18 * DAY,
      group_id: groupId,
    })
    .execute();
}

/** A site-wide announcement, pinned for the next month. */
async function seedAnnouncement(trx: Kysely<Database>, staffId: number, productId: number, now: number) {
  const body = "Ledger 5.0 is rolling out this week: faster bank feeds and a new close checklist. Tell us what you think below.";
  await trx
    .insertInto("threads")
    .values({
      product_id: productId,
      author_id: staffId,
      kind: "discussion",
      title: "Ledger 5.0 is rolling out",
      body,
      body_html: renderMarkdown(body),
      last_activity_at: now - 2 * DAY,
      created_at: now - 2 * DAY,
      announcement_scope: "site",
      announcement_pinned: 1,
      announcement_expires_at: now + 30 * DAY,
    })
    .execute();
}

/** A poll on the month-end discussion: results once you have voted, four votes in. */
async function seedPoll(trx: Kysely<Database>, userIds: Map<Username, number>, threadId: number, now: number) {
  const { id: pollId } = await trx
    .insertInto("polls")
    .values({ thread_id: threadId, multiple: 0, results: "after_vote", closes_at: now + 14 * DAY, created_at: now - 10 * DAY })
    .returning("id")
    .executeTakeFirstOrThrow();
  const labels = ["1–2 days", "3–5 days", "More than a week"];
  const optionIds: number[] = [];
  for (const [position, label] of labels.entries()) {
    const { id } = await trx
      .insertInto("poll_options")
      .values({ poll_id: pollId, position, label })
      .returning("id")
      .executeTakeFirstOrThrow();
    optionIds.push(id);
  }
  const votes: [Username, number][] = [
    ["li-wei", 1],
    ["priya", 0],
    ["jonas", 1],
    ["dana", 2],
  ];
  for (const [username, option] of votes) {
    await trx
      .insertInto("poll_votes")
      .values({ poll_id: pollId, option_id: optionIds[option]!, user_id: lookup(userIds, username), created_at: now - 9 * DAY })
      .execute();
  }
}

function lookup<K>(ids: Map<K, number>, key: K): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demo seed refers to an unknown ${String(key)}`);
  return id;
}
