import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { StaffNotes } from "~/components/StaffNotes";
import { getIdeaSummary } from "~/models/idea.server";
import { addStaffNote, listStaffNotes } from "~/models/staff-note.server";
import { handleForm } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { staffNoteSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Staff notes") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const threadId = parseId(params.id, "thread id");
  const [idea, notes] = await Promise.all([getIdeaSummary(threadId, user), listStaffNotes(user, threadId)]);
  return { idea, notes };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  return handleForm(request, staffNoteSchema, async ({ body }) => {
    await addStaffNote(user, threadId, body);
    return redirect(`${threadPath(await getIdeaSummary(threadId, user))}#staff-notes`);
  });
}

export default function StaffNotesPage() {
  const { idea, notes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={idea} title="Staff notes">
      <StaffNotes threadId={idea.id} notes={notes} feedback={actionData} />
    </ThreadSubpage>
  );
}
