import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ideaStatuses } from "~/utils/idea-status";
import { useStatusLabel } from "./StatusStyles";
import { listSorts, sortLabels, type ListParams } from "~/utils/list-params";

type Option = { value: string; label: string };

type SelectProps = { label: string; name: string; value?: string; options: Option[]; idPrefix?: string };

/** One labelled filter of a GET form; an empty value means "any". */
export function FilterSelect({ label, name, value, options, idPrefix = "list" }: SelectProps) {
  return (
    <div className="control">
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <select id={`${idPrefix}-${name}`} name={name} defaultValue={value ?? ""}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const kindOptions: Option[] = [
  { value: "", label: "All kinds" },
  { value: "question", label: "Questions" },
  { value: "idea", label: "Ideas" },
  { value: "discussion", label: "Discussions" },
];
/** The idea statuses to filter by, named as the site names them. */
export function useStatusOptions(): Option[] {
  const label = useStatusLabel();
  return [{ value: "", label: "Any status" }, ...ideaStatuses.map((s) => ({ value: s, label: label(s) }))];
}
export const solvedOptions: Option[] = [
  { value: "", label: "Solved or not" },
  { value: "yes", label: "Solved questions" },
  { value: "no", label: "Unsolved questions" },
];

/**
 * Sort and filter a thread list with a GET form: the choice lives in the
 * URL, so it can be shared, bookmarked and undone with the back button.
 */
export function ListControls({
  params,
  tags,
  extra,
}: {
  params: ListParams;
  /** Offer a tag filter (not on a tag's own page). */
  tags?: { slug: string; name: string }[];
  extra?: ReactNode;
}) {
  const statusOptions = useStatusOptions();
  // A new key remounts the form so its fields follow client-side navigation.
  return (
    <Form method="get" className="list-controls" aria-label="Sort and filter threads" key={JSON.stringify(params)}>
      <FilterSelect label="Sort by" name="sort" value={params.sort} options={listSorts.map((s) => ({ value: s, label: sortLabels[s] }))} />
      <FilterSelect label="Kind" name="kind" value={params.kind} options={kindOptions} />
      <FilterSelect label="Idea status" name="status" value={params.status} options={statusOptions} />
      <FilterSelect label="Answer" name="solved" value={params.solved} options={solvedOptions} />
      {tags && tags.length > 0 ? (
        <FilterSelect
          label="Tag"
          name="tag"
          value={params.tag}
          options={[{ value: "", label: "Any tag" }, ...tags.map((t) => ({ value: t.slug, label: t.name }))]}
        />
      ) : null}
      <label className="control control-check">
        <input type="checkbox" name="unanswered" value="1" defaultChecked={params.unanswered === "1"} /> No replies yet
      </label>
      {extra}
      <button type="submit" className="button button-small">
        Apply
      </button>
    </Form>
  );
}
