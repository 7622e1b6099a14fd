import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { Role } from "~db/schema";
import { requireAdmin } from "~/auth/session.server";
import { FormError } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { changeRole, searchUsers, USERS_PAGE_LAST } from "~/models/user.server";
import { accountChoices, assignMember } from "~/models/account.server";
import { identityLinksOf, removeIdentityLink } from "~/models/identity-link.server";
import { IdentityLinks } from "~/components/IdentityLinks";
import { form, handleIntents } from "~/http/form-action.server";
import { pageParam } from "~/utils/http";
import { roleLabels } from "~/utils/roles";
import { isoTime } from "~/utils/time";
import { identityLinkSchema, roleChangeSchema, userAccountSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Users — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const search = new URL(request.url).searchParams;
  const q = search.get("q")?.trim() ?? "";
  const page = pageParam(search.get("page"), USERS_PAGE_LAST);
  const [result, accounts] = await Promise.all([searchUsers(admin, { q, page }), accountChoices(admin)]);
  const links = await identityLinksOf(
    admin,
    result.users.map((u) => u.id),
  );
  const changed = result.users.find((u) => String(u.id) === search.get("changed")) ?? null;
  return {
    ...result,
    accounts,
    links,
    q,
    page,
    selfId: admin.id,
    changed: changed && { username: changed.username, role: changed.role },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const back = () => {
    const search = new URL(request.url).searchParams;
    search.delete("index");
    return search;
  };
  return handleIntents(request, {
    // A refused change (the last admin) is explained above the list, which stays usable.
    role: form(roleChangeSchema, async ({ userId, role }) => {
      await changeRole(admin, userId, role);
      const back = new URL(request.url).searchParams;
      back.delete("index");
      back.set("changed", String(userId));
      return redirect(`/admin/users?${back}`);
    }),
    unlink: form(identityLinkSchema, async (link) => {
      await removeIdentityLink(admin, link);
      return redirect(`/admin/users?${back()}`);
    }),
    account: form(userAccountSchema, async ({ userId, accountId }) => {
      await assignMember(admin, userId, accountId);
      const back = new URL(request.url).searchParams;
      back.delete("index");
      return redirect(`/admin/users?${back}`);
    }),
  });
}

/** The role changes offered for someone with a given role, as (label, new role). */
const roleChoices: Record<Role, [string, Role][]> = {
  member: [
    ["Make staff", "staff"],
    ["Make admin", "admin"],
  ],
  staff: [
    ["Revoke staff", "member"],
    ["Make admin", "admin"],
  ],
  admin: [
    ["Demote to staff", "staff"],
    ["Demote to member", "member"],
  ],
};

export default function AdminUsers() {
  const { users, accounts, links, hasNextPage, q, page, selfId, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pageLink = (n: number) => `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <section aria-labelledby="users-title">
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="users-title">Users</h1>
      <Form method="get" className="filter-form" role="search" aria-label="Search users">
        <div className="field">
          <label htmlFor="q">Username, email or name</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
        {q ? <Link to="/admin/users">Show everyone</Link> : null}
      </Form>
      <FormError message={Object.values(actionData?.errors ?? {})[0]} />
      {changed ? (
        <p className="notice" role="status">
          @{changed.username} is now {roleLabels[changed.role].toLowerCase()}.
        </p>
      ) : null}
      {users.length === 0 ? (
        <p className="empty">{q ? `No one matches “${q}”.` : "No users yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table stack-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">Status</th>
                <th scope="col">Account</th>
                <th scope="col">Company sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Change role</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/users/${u.username}`}>{u.displayName || u.username}</Link>
                    <div className="username">@{u.username}</div>
                  </td>
                  <td data-label="Email">
                    {u.email} <span className="muted small">{u.emailVerified ? "verified" : "not verified"}</span>
                  </td>
                  <td data-label="Role">{roleLabels[u.role]}</td>
                  <td data-label="Joined">
                    <time dateTime={isoTime(u.joinedAt)}>{isoTime(u.joinedAt).slice(0, 10)}</time>
                  </td>
                  <td data-label="Status">{u.suspended ? <span className="badge status-declined">Suspended</span> : "Active"}</td>
                  <td data-label="Account">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`account-${u.id}`} className="visually-hidden">
                        Account of @{u.username}
                      </label>
                      <select id={`account-${u.id}`} name="accountId" defaultValue={u.accountId ?? ""}>
                        <option value="">None</option>
                        {accounts.map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.name}
                          </option>
                        ))}
                      </select>
                      <SubmitButton intent="account" pendingText="Saving…" className="button button-small">
                        Set<span className="visually-hidden"> the account of @{u.username}</span>
                      </SubmitButton>
                    </Form>
                  </td>
                  <td data-label="Company sign-in">
                    <IdentityLinks links={links.filter((l) => l.userId === u.id)} username={u.username} />
                  </td>
                  <td>
                    {u.id === selfId ? (
                      <span className="muted small">You</span>
                    ) : (
                      <div className="row-actions">
                        {roleChoices[u.role].map(([label, role]) => (
                          <Form method="post" key={role}>
                            <input type="hidden" name="userId" value={u.id} />
                            <input type="hidden" name="role" value={role} />
                            <SubmitButton
                              intent="role"
                              name="userId"
                              value={String(u.id)}
                              pendingText="Saving…"
                              className="button button-small"
                            >
                              {label}
                              <span className="visually-hidden"> @{u.username}</span>
                            </SubmitButton>
                          </Form>
                        ))}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {page > 1 ? <Link to={pageLink(page - 1)}>← Previous</Link> : <span />}
        {hasNextPage ? (
          <Link rel="next" to={pageLink(page + 1)}>
            Next →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
