import type { FormFeedback } from "~/utils/form-feedback";
import { MAX_TAGS } from "~/utils/form-limits";
import { FieldError } from "./Field";

type Props = {
  tags: { id: number; name: string }[];
  /** The tag ids checked at first, e.g. "3,7"; a refused form keeps its own. */
  selected?: string;
  feedback?: FormFeedback<"tags">;
};

/** Checkboxes for a thread's tags: plain form fields, so they work without JavaScript. */
export function TagPicker({ tags, selected, feedback }: Props) {
  if (tags.length === 0) return null;
  const error = feedback?.errors.tags;
  // A refused form shows what was sent: no box ticked is no tags.
  const checked = new Set(((feedback ? feedback.values.tags : selected) ?? "").split(",").filter(Boolean));
  return (
    <fieldset className="field tag-picker" aria-describedby={error ? "tags-error tags-hint" : "tags-hint"}>
      <legend>Tags (optional)</legend>
      <p className="field-hint" id="tags-hint">
        Choose up to {MAX_TAGS} so people can find your thread.
      </p>
      <div className="tag-options">
        {tags.map((tag) => (
          <label key={tag.id} className="tag-option">
            <input type="checkbox" name="tags" value={tag.id} defaultChecked={checked.has(String(tag.id))} /> {tag.name}
          </label>
        ))}
      </div>
      <FieldError name="tags" message={error} />
    </fieldset>
  );
}
