import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

type Props = {
  children: ReactNode;
  pendingText: string;
  intent?: string;
  /** Distinguishes buttons with the same intent, e.g. the reply whose "mark as answer" was pressed. */
  value?: string;
  name?: string;
  className?: string;
};

/** A submit button that says what it is doing while its form is on its way. */
export function SubmitButton({ children, pendingText, intent, value, name = "postId", className }: Props) {
  const navigation = useNavigation();
  const form = navigation.formData;
  const pending =
    navigation.state === "submitting" &&
    (intent === undefined || form?.get("intent") === intent) &&
    (value === undefined || form?.get(name) === value);
  return (
    <button
      type="submit"
      name={intent ? "intent" : undefined}
      value={intent}
      className={className ?? "button"}
      disabled={pending}
      aria-busy={pending || undefined}
    >
      {pending ? pendingText : children}
    </button>
  );
}
