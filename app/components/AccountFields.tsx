import type { FormFeedback } from "~/utils/form-feedback";
import { FieldError, TextField } from "./Field";

type Fields = "name" | "slug" | "domains" | "plan" | "segment" | "arr" | "owner" | "isPublic";

export type AccountValues = {
  name: string;
  slug: string;
  domains: string[];
  plan: string | null;
  segment: string | null;
  arr: number;
  ownerUsername: string | null;
  isPublic: boolean;
};

/** The fields of an account, empty for a new one; staff-only facts (plan, segment, ARR) are only ever on staff pages. */
export function AccountFields({
  account,
  owners,
  currency,
  feedback,
}: {
  account?: AccountValues;
  owners: { username: string; displayName: string | null }[];
  currency: string;
  feedback?: FormFeedback<Fields>;
}) {
  const typedOwner = feedback?.values.owner ?? account?.ownerUsername ?? "";
  const publicChecked = feedback ? feedback.values.isPublic === "on" : (account?.isPublic ?? false);
  return (
    <>
      <TextField label="Name" name="name" defaultValue={account?.name} feedback={feedback} required maxLength={80} />
      <TextField
        label="Slug"
        name="slug"
        defaultValue={account?.slug}
        feedback={feedback}
        hint="Lowercase letters, digits and dashes: acme-corp"
      />
      <TextField
        label="Email domains"
        name="domains"
        defaultValue={account?.domains.join(", ")}
        feedback={feedback}
        hint="Separated by commas. Members who verify an address at one of them join this account."
      />
      <TextField label="Plan" name="plan" defaultValue={account?.plan ?? ""} feedback={feedback} />
      <TextField label="Segment" name="segment" defaultValue={account?.segment ?? ""} feedback={feedback} />
      <TextField
        label={`Annual revenue (ARR, ${currency})`}
        name="arr"
        inputMode="numeric"
        defaultValue={account ? String(account.arr) : ""}
        feedback={feedback}
      />
      <div className="field">
        <label htmlFor="owner">Owner</label>
        <select
          id="owner"
          name="owner"
          defaultValue={typedOwner}
          aria-invalid={feedback?.errors.owner ? true : undefined}
          aria-describedby={feedback?.errors.owner ? "owner-error" : undefined}
        >
          <option value="">Nobody yet</option>
          {owners.map((o) => (
            <option key={o.username} value={o.username}>
              {o.displayName || o.username} (@{o.username})
            </option>
          ))}
        </select>
        <FieldError name="owner" message={feedback?.errors.owner} />
      </div>
      <div className="field">
        <label className="choice">
          <input name="isPublic" type="checkbox" defaultChecked={publicChecked} /> Public: show the account's name next to its people's
          names
        </label>
      </div>
    </>
  );
}
