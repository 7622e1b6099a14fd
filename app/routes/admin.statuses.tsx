import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { FieldError, FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { form, handleIntents } from "~/http/form-action.server";
import { addSubstatus, getStatusStyles, removeSubstatus, updateStatusStyle } from "~/models/status-styles.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { ideaStatuses, type ShownStatus } from "~/utils/idea-status";
import { pageTitle } from "~/utils/meta";
import { LABEL_MAX, textOn } from "~/utils/status-styles";
import { statusStyleSchema, substatusAddSchema } from "~/utils/validation.server";
import { Invalid } from "~/models/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Statuses — Admin") }];

const shownStatuses: ShownStatus[] = [...ideaStatuses, "merged"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { styles: await getStatusStyles() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  return handleIntents(request, {
    style: form(statusStyleSchema, async (input, formData) => {
      const status = String(formData.get("status") ?? "");
      if (!(shownStatuses as string[]).includes(status)) throw new Invalid("label", "That status is not one we know.");
      await updateStatusStyle(admin, status as ShownStatus, input);
      return redirect(`/admin/statuses?saved=${status}#status-${status}`);
    }),
    add: form(substatusAddSchema, async (input) => {
      await addSubstatus(admin, input);
      return redirect("/admin/statuses?saved=substatus#substatuses-title");
    }),
    remove: async (formData) => {
      await removeSubstatus(admin, parseId(formData.get("id"), "sub-status"));
      return redirect("/admin/statuses#substatuses-title");
    },
  });
}

export default function Statuses() {
  const { styles } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const styleFeedback = feedbackFor(answer, "style");
  const addFeedback = feedbackFor(answer, "add");
  const refusedStatus = styleFeedback?.values.status;
  return (
    <section aria-labelledby="statuses-title">
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="statuses-title">Statuses</h1>
      <p className="lede">
        Name the steps of an idea&apos;s lifecycle in your own words and give them colours. The steps themselves stay the same, so filters,
        feeds, the API and webhooks keep working; the API and webhooks use the fixed keys shown here.
      </p>
      <ul className="status-styles">
        {shownStatuses.map((status) => {
          const style = styles.statuses[status];
          const feedback = refusedStatus === status ? styleFeedback : undefined;
          return (
            <li key={status} id={`status-${status}`}>
              <Form method="post" className="inline-fields" noValidate>
                <input type="hidden" name="status" value={status} />
                <p>
                  <span className={`badge badge-status status-${status}`}>{style.label}</span> <code>{status}</code>
                </p>
                <TextField
                  label="Name"
                  name="label"
                  id={`label-${status}`}
                  defaultValue={style.label}
                  maxLength={LABEL_MAX}
                  feedback={feedback}
                />
                <TextField
                  label="Colour"
                  name="colour"
                  id={`colour-${status}`}
                  defaultValue={style.colour ?? ""}
                  placeholder="#1d4fa8"
                  maxLength={7}
                  feedback={feedback}
                  hint={
                    style.colour
                      ? `Text on it is ${textOn(style.colour) === "#000000" ? "black" : "white"}. Empty: the built-in colour.`
                      : "Like #1d4fa8. Empty: the built-in colour."
                  }
                />
                <SubmitButton intent="style" pendingText="Saving…" className="button button-small">
                  Save {style.label}
                </SubmitButton>
              </Form>
            </li>
          );
        })}
      </ul>

      <h2 id="substatuses-title">Sub-statuses</h2>
      <p>Finer steps within one status, like “In beta” within in progress. Staff set them on an idea&apos;s status page.</p>
      {styles.substatuses.length === 0 ? (
        <p className="empty">No sub-statuses yet.</p>
      ) : (
        <ul className="profile-list">
          {styles.substatuses.map((sub) => (
            <li key={sub.id}>
              <span className={`badge badge-status substatus-${sub.id}`}>{sub.label}</span>{" "}
              <span className="muted small">within {styles.statuses[sub.status].label}</span>
              <Form method="post" className="inline-actions">
                <input type="hidden" name="id" value={sub.id} />
                <SubmitButton intent="remove" pendingText="Removing…" className="button button-small">
                  Remove {sub.label}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="form-page" noValidate>
        <h3>Add a sub-status</h3>
        <FormError message={addFeedback?.errors.form} />
        <div className="field">
          <label htmlFor="sub-status">Within</label>
          <select id="sub-status" name="status" defaultValue={addFeedback?.values.status ?? "in_progress"}>
            {ideaStatuses.map((status) => (
              <option key={status} value={status}>
                {styles.statuses[status].label}
              </option>
            ))}
          </select>
          <FieldError name="status" message={addFeedback?.errors.status} />
        </div>
        <TextField label="Name" name="label" id="sub-label" maxLength={LABEL_MAX} feedback={addFeedback} />
        <TextField
          label="Colour"
          name="colour"
          id="sub-colour"
          placeholder="#1d4fa8"
          maxLength={7}
          feedback={addFeedback}
          hint="Like #1d4fa8; text on it is black or white, whichever reads better."
        />
        <SubmitButton intent="add" pendingText="Adding…" className="button button-primary">
          Add sub-status
        </SubmitButton>
      </Form>
    </section>
  );
}
