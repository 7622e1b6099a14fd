import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { AcceptIdeaForm, CreditForm } from "~/components/CreditForms";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { SubmitButton } from "~/components/SubmitButton";
import { ProfileLink } from "~/components/UserName";
import { acceptIdea, creditCoDesigner, getIdeaSummary, listCredits, listParticipants, removeCoDesigner } from "~/models/idea.server";
import { feedbackFor } from "~/utils/form-feedback";
import { form, handleIntents } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { acceptSchema, creditSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Co-designer credits") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const threadId = parseId(params.id, "thread id");
  const [idea, participants, credits] = await Promise.all([
    getIdeaSummary(threadId, user),
    listParticipants(threadId),
    listCredits(threadId),
  ]);
  return { idea, participants, credits };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  const here = `/threads/${threadId}/credits`;
  return handleIntents(request, {
    accept: form(acceptSchema, async (credits) => {
      await acceptIdea(user, threadId, credits);
      return redirect(threadPath(await getIdeaSummary(threadId, user)));
    }),
    credit: form(creditSchema, async (credit) => {
      await creditCoDesigner(user, threadId, credit);
      return redirect(here);
    }),
    remove: async (formData) => {
      await removeCoDesigner(user, threadId, parseId(formData.get("userId"), "person"));
      return redirect(here);
    },
  });
}

export default function CreditsPage() {
  const { idea, participants, credits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const credited = new Set(credits.map((c) => c.userId));
  return (
    <ThreadSubpage thread={idea} title={idea.coDesigned ? "Co-designer credits" : "Accept as co-designed"}>
      {!idea.coDesigned ? (
        <AcceptIdeaForm participants={participants} feedback={feedbackFor(actionData, "accept")} />
      ) : (
        <>
          <ul className="credit-list">
            {credits.map((c) => (
              <li key={c.userId}>
                <strong>
                  <ProfileLink username={c.username} displayName={c.displayName} />
                </strong>{" "}
                — {c.contribution}
                {c.proposer ? (
                  <span className="badge badge-codesigned inline-form">Always credited</span>
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={c.userId} />
                    <SubmitButton intent="remove" pendingText="Removing…" className="button button-small">
                      Remove credit for {c.displayName || c.username}
                    </SubmitButton>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          <CreditForm people={participants.filter((p) => !credited.has(p.id))} feedback={feedbackFor(actionData, "credit")} />
        </>
      )}
    </ThreadSubpage>
  );
}
