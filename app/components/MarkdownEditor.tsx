import { useState, useSyncExternalStore, type KeyboardEvent } from "react";
import type { FormFeedback, MarkdownPreview } from "~/utils/form-feedback";
import { formatEdit, shortcuts, type Edit, type Format } from "~/utils/markdown-edit";
import { DraftStatus, type DraftPlace } from "./DraftStatus";
import { EditorToolbar } from "./EditorToolbar";
import { ImageAttach, useImageAttach } from "./ImageAttach";
import { describedBy, fromFeedback, Messages } from "./Field";
import { MarkdownBody } from "./MarkdownBody";

type Props<K extends string> = {
  label: string;
  name: NoInfer<K>;
  id?: string;
  rows: number;
  maxLength: number;
  required?: boolean;
  defaultValue?: string;
  feedback?: FormFeedback<K>;
  hint?: string;
  /** Keep the text as the member's draft (a new thread or a reply): `key` names the place; `restored` when the page came back with it. */
  draft?: DraftPlace;
};

/** Whether the page runs its script yet: false in the server's HTML and while hydrating, true after. */
const noChange = () => () => {};
const onApple = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** Applies an edit the way typing would, so Ctrl+Z undoes it where the browser allows. */
export function applyEdit(textarea: HTMLTextAreaElement, edit: Edit) {
  textarea.focus();
  textarea.setSelectionRange(edit.from, edit.to);
  const typed = typeof document.execCommand === "function" && document.execCommand("insertText", false, edit.insert);
  if (!typed) {
    textarea.setRangeText(edit.insert, edit.from, edit.to, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  textarea.setSelectionRange(edit.selectStart, edit.selectEnd);
}

/**
 * Every Markdown field: a text area with Write / Preview and a formatting
 * toolbar. The preview is the server's render of the text (the same path as
 * posting). Without JavaScript, "Preview" posts the form, which comes back
 * with the text kept and the preview above it (app/http/form-action.server.ts).
 */
export function MarkdownEditor<K extends string>({
  label,
  name,
  id,
  rows,
  maxLength,
  required,
  defaultValue,
  feedback,
  hint,
  draft,
}: Props<K>) {
  const fieldId = id ?? name;
  const shown = fromFeedback(name, feedback, undefined, defaultValue);
  const served = feedback?.preview?.field === name ? feedback.preview : null;
  const scripted = useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
  const mac = useSyncExternalStore(noChange, onApple, () => false);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [preview, setPreview] = useState<MarkdownPreview | null>(served);
  const [answered, setAnswered] = useState(served);
  if (answered !== served) {
    setAnswered(served);
    setPreview(served);
  }

  const { attaching, attach } = useImageAttach(fieldId, applyEdit);
  const textarea = () => document.getElementById(fieldId) as HTMLTextAreaElement | null;
  const format = (chosen: Format) => {
    const area = textarea();
    if (area) applyEdit(area, formatEdit(chosen, area.value, area.selectionStart, area.selectionEnd));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const chosen = event.ctrlKey || event.metaKey ? shortcuts[event.key.toLowerCase()] : undefined;
    if (!chosen || event.altKey || event.shiftKey) return;
    event.preventDefault();
    format(chosen);
  };
  const showPreview = async () => {
    setMode("preview");
    setPreview(null);
    const text = textarea()?.value ?? "";
    try {
      const response = await fetch("/markdown/preview", { method: "POST", body: new URLSearchParams({ text }) });
      const answer = (await response.json()) as MarkdownPreview;
      if (!response.ok && !answer.error) throw new Error(String(response.status));
      setPreview({ ...answer, field: name });
    } catch {
      setPreview({ field: name, html: null, error: "The preview could not be loaded. Your text is safe; try again." });
    }
  };
  const previewing = scripted ? mode === "preview" : served !== null;

  return (
    <div className="field markdown-editor">
      <div className="editor-head">
        <label htmlFor={fieldId}>{label}</label>
        <div className="editor-modes" role="group" aria-label="Write or preview">
          {scripted ? (
            <button type="button" className="editor-mode" aria-pressed={mode === "write"} onClick={() => setMode("write")}>
              Write
            </button>
          ) : null}
          <input type="hidden" name="preview-field" value={name} />
          {/* With JavaScript a plain button, so Enter in a field above still sends the form's own first button. */}
          <button
            type={scripted ? "button" : "submit"}
            name="intent"
            value="preview"
            formNoValidate
            className="editor-mode"
            aria-pressed={previewing}
            onClick={(event) => {
              if (!scripted) return;
              event.preventDefault();
              void showPreview();
            }}
          >
            Preview
          </button>
        </div>
      </div>
      {scripted && mode === "write" ? <EditorToolbar fieldId={fieldId} mac={mac} onFormat={format} /> : null}
      {previewing ? (
        <section className="editor-preview" aria-label="Preview" aria-live="polite" aria-busy={preview === null}>
          {preview === null ? (
            <p className="muted">Rendering the preview…</p>
          ) : preview.error !== null ? (
            <p className="field-error">{preview.error}</p>
          ) : (
            <MarkdownBody html={preview.html ?? ""} />
          )}
        </section>
      ) : null}
      <textarea
        id={fieldId}
        name={name}
        rows={rows}
        required={required}
        maxLength={maxLength}
        defaultValue={shown.defaultValue}
        hidden={scripted && mode === "preview"}
        onKeyDown={onKeyDown}
        onPaste={(event) => {
          const files = [...event.clipboardData.files].filter((file) => file.type.startsWith("image/"));
          if (files.length === 0) return;
          event.preventDefault();
          void attach(files);
        }}
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes("Files")) event.preventDefault();
        }}
        onDrop={(event) => {
          const files = [...event.dataTransfer.files];
          if (files.length === 0) return;
          event.preventDefault();
          event.currentTarget.focus();
          void attach(files);
        }}
        aria-invalid={shown.error ? true : undefined}
        aria-describedby={describedBy(fieldId, shown.error, hint)}
      />
      <Messages name={fieldId} error={shown.error} hint={hint} />
      <ImageAttach fieldId={fieldId} scripted={scripted} formUpload={draft !== undefined} attaching={attaching} attach={attach} />
      {draft ? <DraftStatus place={draft} fieldId={fieldId} scripted={scripted} /> : null}
    </div>
  );
}
