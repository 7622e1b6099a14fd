import { Form } from "@remix-run/react";
import type { Demand } from "~/models/demand.server";
import type { OnBehalfRecord } from "~/models/on-behalf.server";
import { formatMoney } from "~/utils/money";
import { SubmitButton } from "./SubmitButton";
import { ProfileLink } from "./UserName";

/**
 * Feedback staff recorded on a customer's behalf, as this viewer may read it
 * (staff all of it, a member their own account's): "on behalf of Acme,
 * recorded by Sam", with the use case in the customer's words. The person it
 * names can take their vote back here.
 */
export function OnBehalfRecords({ records, viewerId }: { records: Omit<OnBehalfRecord, "createdAt">[]; viewerId: number | null }) {
  if (records.length === 0) return null;
  return (
    <section id="on-behalf" aria-labelledby="on-behalf-title" className="on-behalf">
      <h2 id="on-behalf-title">Customer feedback recorded by staff</h2>
      <ul className="on-behalf-list">
        {records.map((r) => (
          <li key={r.id}>
            <p>
              {r.personUsername ? (
                <>
                  <ProfileLink username={r.personUsername} displayName={r.personDisplayName} />{" "}
                </>
              ) : null}
              on behalf of <strong>{r.accountName}</strong>, recorded by{" "}
              {r.recordedByUsername ? <ProfileLink username={r.recordedByUsername} displayName={r.recordedByDisplayName} /> : "staff"}
            </p>
            {r.useCase ? <blockquote className="use-case">{r.useCase}</blockquote> : null}
            {r.personId !== null && r.personId === viewerId ? (
              <Form method="post" preventScrollReset>
                <SubmitButton intent="unvote" pendingText="Taking back…" className="button button-small">
                  Take back my vote
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An idea's demand, for staff: the accounts behind it, their total ARR and the split by plan and segment. */
export function DemandPanel({ demand, currency }: { demand: Demand; currency: string }) {
  const money = (n: number) => formatMoney(n, currency);
  return (
    <section aria-labelledby="demand-title" className="demand-panel">
      <h2 id="demand-title">Demand (staff only)</h2>
      <p>
        {demand.votes} {demand.votes === 1 ? "vote" : "votes"} · {demand.accounts.length}{" "}
        {demand.accounts.length === 1 ? "account" : "accounts"} · {money(demand.arr)} ARR
      </p>
      {demand.accounts.length > 0 ? (
        <>
          <ul className="demand-accounts">
            {demand.accounts.map((a) => (
              <li key={a.id}>
                {a.name} — {money(a.arr)}
                {a.plan ? ` · ${a.plan}` : ""}
                {a.segment ? ` · ${a.segment}` : ""}
              </li>
            ))}
          </ul>
          <p className="muted small">
            By plan: {demand.byPlan.map((g) => `${g.key} ${g.accounts} (${money(g.arr)})`).join(", ")}. By segment:{" "}
            {demand.bySegment.map((g) => `${g.key} ${g.accounts} (${money(g.arr)})`).join(", ")}.
          </p>
        </>
      ) : null}
    </section>
  );
}
