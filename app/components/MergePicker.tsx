import { Form } from "@remix-run/react";
import type { IdeaTitleMatch } from "~/models/search.server";
import type { FormFeedback } from "~/utils/form-feedback";
import { FieldError, TextAreaField } from "./Field";
import { StatusBadge } from "./Badges";
import { SubmitButton } from "./SubmitButton";

type Search = { q: string; scope: "product" | "all" };

/** Staff look for the idea to keep by its title; a GET form, so it works without JavaScript. */
export function MergeSearchForm({ search, productName }: { search: Search; productName: string }) {
  return (
    <Form method="get" className="merge-search" role="search" aria-label="Ideas to merge into">
      <div className="field">
        <label htmlFor="merge-q">Find the idea to keep</label>
        <input id="merge-q" type="search" name="q" defaultValue={search.q} aria-describedby="merge-q-hint" key={search.q} />
        <p className="field-hint" id="merge-q-hint">
          Words from its title, or its number (#12).
        </p>
      </div>
      <fieldset className="field merge-scope">
        <legend>Look in</legend>
        <label className="choice">
          <input type="radio" name="scope" value="product" defaultChecked={search.scope === "product"} /> {productName} only
        </label>
        <label className="choice">
          <input type="radio" name="scope" value="all" defaultChecked={search.scope === "all"} /> Every product
        </label>
      </fieldset>
      <button type="submit" className="button">
        Search ideas
      </button>
    </Form>
  );
}

type ChoiceProps = {
  ideas: IdeaTitleMatch[];
  suggested: boolean;
  search: Search;
  feedback?: FormFeedback<"targetId" | "reason">;
};

/** The matching ideas as radio buttons, and the button that merges into the chosen one. */
export function MergeChoice({ ideas, suggested, search, feedback }: ChoiceProps) {
  const error = feedback?.errors.targetId;
  if (ideas.length === 0 && !error) {
    return (
      <p className="empty" role="status">
        {suggested
          ? "No other idea has a title like this one. Search for the idea to keep above."
          : `No idea that can take a merge matches “${search.q}”. Try other words${search.scope === "product" ? ", or look in every product" : ""}.`}
      </p>
    );
  }
  return (
    <Form method="post" className="merge-choice">
      <fieldset className="field" aria-describedby={error ? "targetId-error" : undefined}>
        <legend>{suggested ? "Ideas with similar titles" : `Ideas matching “${search.q}”`}</legend>
        <ul className="merge-targets">
          {ideas.map((idea) => (
            <li key={idea.id}>
              <label className="choice">
                {/* Browsers expose a radio button's invalid state and screen readers announce it; the fieldset around
                    them (found by its legend) has no invalid state to carry it. */}
                {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props */}
                <input
                  type="radio"
                  name="targetId"
                  value={idea.id}
                  defaultChecked={feedback?.values.targetId === String(idea.id)}
                  aria-invalid={error ? true : undefined}
                />
                <span>
                  <strong>{idea.title}</strong> <span className="muted">#{idea.id}</span>
                  <span className="merge-target-meta">
                    <StatusBadge status={idea.status} /> {idea.productName} · {idea.voteCount} {idea.voteCount === 1 ? "vote" : "votes"}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError name="targetId" message={error} />
      </fieldset>
      <TextAreaField
        label="Public reason"
        name="reason"
        rows={2}
        hint="On both ideas' timelines. The duplicate's opening text is kept on the chosen idea as its author's use case, and they are notified."
        feedback={feedback}
      />
      <SubmitButton pendingText="Merging…" className="button button-primary">
        Merge into the chosen idea
      </SubmitButton>
    </Form>
  );
}
