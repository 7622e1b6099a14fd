import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { config } from "~/config.server";
import { AccountFields } from "~/components/AccountFields";
import { TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { ProfileLink } from "~/components/UserName";
import {
  accountChoices,
  assignMember,
  assignMemberByUsername,
  getAccount,
  listAccountOwners,
  updateAccount,
} from "~/models/account.server";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/meta";
import { accountSchema, memberAssignSchema } from "~/utils/validation.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, `${data?.account.name ?? "Account"} — Customer accounts`) },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const id = parseId(params.id, "account id");
  const [account, owners, others] = await Promise.all([getAccount(staff, id), listAccountOwners(staff), accountChoices(staff)]);
  const created = new URL(request.url).searchParams.has("created");
  return { account, owners, others: others.filter((a) => a.id !== id), currency: config().CURRENCY, created };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = parseId(params.id, "account id");
  const here = `/admin/accounts/${id}`;
  return handleIntents(request, {
    update: form(accountSchema, async (input) => {
      await updateAccount(staff, id, input);
      return redirect(here);
    }),
    add: form(memberAssignSchema, async ({ username }) => {
      await assignMemberByUsername(staff, username, id);
      return redirect(here);
    }),
    move: async (formData) => {
      await assignMember(staff, parseId(formData.get("userId"), "member"), parseId(formData.get("accountId"), "account"));
      return redirect(here);
    },
    remove: async (formData) => {
      await assignMember(staff, parseId(formData.get("userId"), "member"), null);
      return redirect(here);
    },
  });
}

export default function AdminAccount() {
  const { account, owners, others, currency, created } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="account-title">
      <p className="breadcrumb">
        <Link to="/admin/accounts">← Customer accounts</Link>
      </p>
      <h1 id="account-title">{account.name}</h1>
      {created ? (
        <p className="notice" role="status">
          Account created.
        </p>
      ) : null}
      <p className="muted">
        {account.plan ?? "No plan"} · {account.segment ?? "No segment"} · {formatMoney(account.arr, currency)} a year ·{" "}
        {account.isPublic ? "public" : "private"}
      </p>

      <h2>Members</h2>
      {account.members.length === 0 ? <p className="empty">No members yet.</p> : null}
      <ul className="account-members">
        {account.members.map((m) => (
          <li key={m.id}>
            <ProfileLink username={m.username} displayName={m.displayName} /> <span className="muted">{m.email}</span>
            {m.emailVerifiedAt ? null : <span className="muted small"> (address not verified)</span>}
            <div className="row-actions">
              {others.length > 0 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={m.id} />
                  <label htmlFor={`move-${m.id}`} className="visually-hidden">
                    Move @{m.username} to
                  </label>
                  <select id={`move-${m.id}`} name="accountId">
                    {others.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                  <SubmitButton intent="move" pendingText="Moving…" className="button button-small">
                    Move<span className="visually-hidden"> @{m.username}</span>
                  </SubmitButton>
                </Form>
              ) : null}
              <Form method="post" className="inline-form">
                <input type="hidden" name="userId" value={m.id} />
                <SubmitButton intent="remove" pendingText="Removing…" className="button button-small button-quiet">
                  Remove<span className="visually-hidden"> @{m.username}</span> from {account.name}
                </SubmitButton>
              </Form>
            </div>
          </li>
        ))}
      </ul>
      <Form method="post" className="inline-form" noValidate>
        <TextField
          label="Add a member by username"
          id="add-username"
          name="username"
          feedback={feedbackFor(actionData, "add")}
          hint="Someone in another account moves here."
        />
        <SubmitButton intent="add" pendingText="Adding…" className="button">
          Add member
        </SubmitButton>
      </Form>

      <section className="form-page" aria-labelledby="edit-account-title">
        <h2 id="edit-account-title" className="form-title">
          Edit account
        </h2>
        <Form method="post" noValidate>
          <AccountFields account={account} owners={owners} currency={currency} feedback={feedbackFor(actionData, "update")} />
          <SubmitButton intent="update" pendingText="Saving…" className="button button-primary">
            Save account
          </SubmitButton>
        </Form>
      </section>
    </section>
  );
}
