import type { FieldErrors } from "~/utils/validation";

export type ParsedCredits = { ok: true; credits: { userId: number; contribution: string }[] } | { ok: false; errors: FieldErrors };

/**
 * The accept form lists every participant with a checkbox ("credit", value =
 * user id) and a note field ("contribution-<id>"). A ticked person needs a note.
 */
export function parseCredits(form: FormData): ParsedCredits {
  const errors: FieldErrors = {};
  const credits: { userId: number; contribution: string }[] = [];
  for (const value of form.getAll("credit")) {
    const userId = Number(value);
    if (typeof value !== "string" || !Number.isInteger(userId) || userId <= 0) {
      errors.form = "That isn't a person from this thread.";
      continue;
    }
    const note = form.get(`contribution-${userId}`);
    const contribution = typeof note === "string" ? note.trim() : "";
    if (contribution.length < 3 || contribution.length > 200) {
      errors[`contribution-${userId}`] = "Say in a few words (up to 200 characters) how they shaped the idea.";
      continue;
    }
    credits.push({ userId, contribution });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, credits };
}
