import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { RelativeTime } from "./RelativeTime";

export type DraftPlace = { key: string; restoredAt: number | null };

const SAVE_AFTER_MS = 1_000;

type State = { kind: "restored"; at: number } | { kind: "saving" } | { kind: "saved" } | { kind: "failed" } | { kind: "discarded" } | null;

async function send(fields: Record<string, string>) {
  const response = await fetch("/drafts", {
    method: "POST",
    headers: { "X-Requested-With": "editor" },
    body: new URLSearchParams(fields),
  });
  if (!response.ok) throw new Error(String(response.status));
}

/**
 * The draft of a new thread or a reply: with JavaScript the form's text is
 * saved on the server a second after typing stops; "Discard draft" removes it
 * (a plain form button without JavaScript, back to this page).
 */
export function DraftStatus({ place, fieldId, scripted }: { place: DraftPlace; fieldId: string; scripted: boolean }) {
  const location = useLocation();
  const [state, setState] = useState<State>(place.restoredAt !== null ? { kind: "restored", at: place.restoredAt } : null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    const form = (document.getElementById(fieldId) as HTMLTextAreaElement | null)?.form;
    if (!form) return;
    const save = () => {
      const data = new FormData(form);
      const text = (name: string) => {
        const value = data.get(name);
        return typeof value === "string" ? value : "";
      };
      setState({ kind: "saving" });
      send({ intent: "save-draft", draft: place.key, title: text("title"), body: text("body") }).then(
        () => setState({ kind: "saved" }),
        () => setState({ kind: "failed" }),
      );
    };
    const onInput = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(save, SAVE_AFTER_MS);
    };
    form.addEventListener("input", onInput);
    return () => {
      form.removeEventListener("input", onInput);
      clearTimeout(timer.current);
    };
  }, [fieldId, place.key]);

  const discard = async () => {
    clearTimeout(timer.current);
    const area = document.getElementById(fieldId) as HTMLTextAreaElement | null;
    try {
      await send({ intent: "discard-draft", draft: place.key });
      if (area) {
        area.value = "";
        const title = area.form?.elements.namedItem("title");
        if (title instanceof HTMLInputElement) title.value = "";
        area.focus();
      }
      setState({ kind: "discarded" });
    } catch {
      setState({ kind: "failed" });
    }
  };

  const hasDraft = state !== null && state.kind !== "discarded";
  return (
    <div className="draft-status">
      <input type="hidden" name="draft" value={place.key} />
      <input type="hidden" name="back" value={location.pathname + location.search} />
      <p className="field-hint" role="status">
        {state?.kind === "restored" ? (
          <>
            Your draft from <RelativeTime ms={state.at} /> is back.
          </>
        ) : state?.kind === "saving" ? (
          "Saving draft…"
        ) : state?.kind === "saved" ? (
          "Draft saved."
        ) : state?.kind === "failed" ? (
          "The draft could not be saved just now; your text is still here."
        ) : state?.kind === "discarded" ? (
          "Draft discarded."
        ) : null}
      </p>
      {hasDraft ? (
        <button
          type="submit"
          formAction="/drafts"
          formNoValidate
          name="intent"
          value="discard-draft"
          className="button button-small button-quiet"
          onClick={(event) => {
            if (!scripted) return;
            event.preventDefault();
            void discard();
          }}
        >
          Discard draft
        </button>
      ) : null}
    </div>
  );
}
