import { useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { ACCEPTED_IMAGES, imageProblemMessage, isImageProblem } from "~/utils/image-problems";
import { appendEdit, type Edit } from "~/utils/markdown-edit";

type Attaching = { state: "idle" | "uploading" | "done"; error: string | null };

/** The Markdown of an image, put where the cursor is (or after the text), on a line of its own. */
function insertAtCursor(area: HTMLTextAreaElement, markdown: string): Edit {
  if (document.activeElement !== area) return appendEdit(area.value, `${markdown}\n`);
  const at = area.selectionEnd;
  const before = area.value.slice(0, at);
  const gap = before === "" || before.endsWith("\n") ? "" : "\n";
  const insert = `${gap}${markdown}\n`;
  return { from: at, to: at, insert, selectStart: at + insert.length, selectEnd: at + insert.length };
}

/**
 * Uploading images into a text area: by the button, by dropping files on it
 * or pasting them (the editor passes those here). Each is sent alone to
 * /uploads and its Markdown inserted; a refusal is shown next to the field.
 */
export function useImageAttach(fieldId: string, applyEdit: (area: HTMLTextAreaElement, edit: Edit) => void) {
  const [attaching, setAttaching] = useState<Attaching>({ state: "idle", error: null });
  const attach = async (files: File[]) => {
    const area = document.getElementById(fieldId) as HTMLTextAreaElement | null;
    if (!area || files.length === 0) return;
    setAttaching({ state: "uploading", error: null });
    for (const file of files) {
      const body = new FormData();
      body.set("image", file);
      try {
        const response = await fetch("/uploads", { method: "POST", headers: { "X-Requested-With": "editor" }, body });
        const answer = (await response.json().catch(() => ({}))) as { markdown?: string; error?: string };
        if (!response.ok || !answer.markdown) {
          const error = answer.error ?? imageProblemMessage(response.status === 413 ? "too-large" : "failed");
          return setAttaching({ state: "idle", error });
        }
        applyEdit(area, insertAtCursor(area, answer.markdown));
      } catch {
        return setAttaching({ state: "idle", error: imageProblemMessage("failed") });
      }
    }
    setAttaching({ state: "done", error: null });
  };
  return { attaching, attach };
}

type Props = {
  fieldId: string;
  scripted: boolean;
  /** Without JavaScript the form itself is sent to /uploads; only where its text is kept as a draft. */
  formUpload: boolean;
  attaching: Attaching;
  attach: (files: File[]) => Promise<void>;
};

/** "Attach images": a file field; without JavaScript, with an "Upload image" button that sends the form. */
export function ImageAttach({ fieldId, scripted, formUpload, attaching, attach }: Props) {
  const [search] = useSearchParams();
  const refused = search.get("image-error");
  const error = attaching.error ?? (!scripted && isImageProblem(refused) ? imageProblemMessage(refused) : null);
  if (!scripted && !formUpload) return null;
  const inputId = `${fieldId}-image`;
  return (
    <div className="image-attach">
      <label htmlFor={inputId}>{scripted ? "Attach images (or paste or drop them into the text)" : "Attach an image"}</label>
      <input
        id={inputId}
        type="file"
        name="image"
        accept={ACCEPTED_IMAGES}
        multiple={scripted}
        aria-describedby={error ? "image-error" : `${inputId}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          if (!scripted) return;
          const input = event.currentTarget;
          void attach([...(input.files ?? [])]).then(() => {
            input.value = "";
          });
        }}
      />
      {scripted ? null : (
        <button type="submit" formAction="/uploads" formEncType="multipart/form-data" formNoValidate className="button button-small">
          Upload image
        </button>
      )}
      <p className="field-hint" id={`${inputId}-hint`} role="status">
        {attaching.state === "uploading" ? "Uploading image…" : attaching.state === "done" ? "Image attached." : "PNG, JPEG, WebP or GIF."}
      </p>
      {error ? (
        <p className="field-error" id="image-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
