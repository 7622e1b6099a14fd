import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { RelativeTime } from "~/components/RelativeTime";
import { SubmitButton } from "~/components/SubmitButton";
import { listNotifications, markAllRead, markRead } from "~/models/notification-inbox.server";
import { handleIntents } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Notifications") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const andBack = async (write: Promise<void>) => {
    await write;
    return redirect("/notifications");
  };
  return handleIntents(request, {
    read: (formData) => andBack(markRead(user, parseId(formData.get("id"), "notification id"))),
    "read-all": () => andBack(markAllRead(user)),
  });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => n.unread).length;
  return (
    <section aria-labelledby="notifications-title">
      <div className="page-header">
        <h1 id="notifications-title">Notifications</h1>
        {unread > 0 ? (
          <Form method="post">
            <SubmitButton intent="read-all" pendingText="Marking…" className="button">
              Mark all as read
            </SubmitButton>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="empty">Nothing yet. Replies to your threads, answers, status changes and credits show up here.</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.unread ? "notification unread" : "notification"}>
              <p>
                {n.unread ? <span className="visually-hidden">Unread: </span> : null}
                <Link to={n.href}>{n.sentence}</Link>{" "}
                <span className="muted">
                  · <RelativeTime ms={n.createdAt} />
                </span>
              </p>
              {n.unread ? (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <SubmitButton intent="read" value={String(n.id)} name="id" pendingText="…" className="button button-small">
                    Mark as read
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/settings/email">Choose which notifications also come by email</Link>
      </p>
    </section>
  );
}
