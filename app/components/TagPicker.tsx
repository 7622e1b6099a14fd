type Props = {
  tags: { id: number; name: string }[];
  /** The checked tag ids, e.g. "3,7" as a re-rendered form keeps them. */
  selected: string | undefined;
  max: number;
  error?: string;
};

/** Checkboxes for a thread's tags: plain form fields, so they work without JavaScript. */
export function TagPicker({ tags, selected, max, error }: Props) {
  if (tags.length === 0) return null;
  const checked = new Set((selected ?? "").split(",").filter(Boolean));
  return (
    <fieldset className="field tag-picker" aria-describedby={error ? "tags-error tags-hint" : "tags-hint"}>
      <legend>Tags (optional)</legend>
      <p className="field-hint" id="tags-hint">
        Choose up to {max} so people can find your thread.
      </p>
      <div className="tag-options">
        {tags.map((tag) => (
          <label key={tag.id} className="tag-option">
            <input type="checkbox" name="tags" value={tag.id} defaultChecked={checked.has(String(tag.id))} /> {tag.name}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id="tags-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
