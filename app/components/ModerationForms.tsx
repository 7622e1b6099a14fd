import { Form } from "@remix-run/react";
import { feedbackFor, type FormFeedback } from "~/utils/form-feedback";
import { TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";

type State = {
  deletedAt: number | null;
  hiddenAt: number | null;
  pinned: number;
  locked: number;
  closedAt: number | null;
  productId: number;
};
/** The refused tool's form: every tool has a reason field; `intent` says which tool. */
type Result = FormFeedback<"reason"> | undefined;

/** One staff action with an optional (or, for delete, required) reason. Each is its own form: no JavaScript needed. */
function ToolForm({
  intent,
  label,
  reasonLabel,
  result,
  required,
}: {
  intent: string;
  label: string;
  reasonLabel: string;
  result: Result;
  required?: boolean;
}) {
  return (
    <Form method="post" className="tool-form">
      <TextField
        label={reasonLabel}
        name="reason"
        id={`reason-${intent}`}
        required={required}
        maxLength={500}
        feedback={feedbackFor(result, intent)}
      />
      <SubmitButton intent={intent} pendingText="Saving…" className="button button-small">
        {label}
      </SubmitButton>
    </Form>
  );
}

type Image = { storageKey: string; path: string; removedAt: number | null; width: number; height: number };

/** The images the post showed first: staff take one down everywhere it appears (its file is deleted). */
function ImageTools({ images, result }: { images: Image[]; result: Result }) {
  if (images.length === 0) return null;
  const refused = feedbackFor(result, "remove-image");
  return (
    <div className="tool-group">
      <h2>Images</h2>
      <ul className="image-tools">
        {images.map((image, i) => (
          <li key={image.storageKey}>
            {image.removedAt !== null ? (
              <p className="muted">Image {i + 1} was removed.</p>
            ) : (
              <Form method="post" className="tool-form">
                <img src={image.path} alt={`Attachment ${i + 1} of this post`} width={Math.min(image.width, 160)} />
                <input type="hidden" name="image" value={image.storageKey} />
                <TextField
                  label="Reason (optional)"
                  name="reason"
                  id={`reason-image-${i + 1}`}
                  maxLength={500}
                  feedback={refused?.values.image === image.storageKey ? refused : undefined}
                />
                <SubmitButton
                  intent="remove-image"
                  value={image.storageKey}
                  name="image"
                  pendingText="Removing…"
                  className="button button-small"
                >
                  Remove image {i + 1}
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Staff tools for a thread or a reply; thread-only tools appear when `products` is given. */
export function ModerationForms({
  state,
  products,
  images = [],
  result,
}: {
  state: State;
  products?: { id: number; name: string }[];
  images?: Image[];
  result: Result;
}) {
  if (state.deletedAt !== null) {
    return (
      <div className="tool-group">
        <p>This was deleted. Restoring brings it back for everyone.</p>
        <ToolForm intent="restore" label="Restore" reasonLabel="Note for the audit log (optional)" result={result} />
      </div>
    );
  }
  return (
    <>
      {products ? (
        <div className="tool-group">
          <h2>Thread</h2>
          <ToolForm
            intent={state.pinned ? "unpin" : "pin"}
            label={state.pinned ? "Unpin" : "Pin to the top of its product"}
            reasonLabel="Reason (optional)"
            result={result}
          />
          <ToolForm
            intent={state.locked ? "unlock" : "lock"}
            label={state.locked ? "Unlock" : "Lock: no new replies"}
            reasonLabel="Reason (optional)"
            result={result}
          />
          <ToolForm
            intent={state.closedAt ? "reopen" : "close"}
            label={state.closedAt ? "Reopen" : "Close: no replies or votes"}
            reasonLabel="Reason (optional)"
            result={result}
          />
          <Form method="post" className="tool-form">
            <div className="field">
              <label htmlFor="productId">Move to product</label>
              <select id="productId" name="productId" defaultValue={state.productId}>
                {products.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <TextField label="Reason (optional)" name="reason" id="reason-move" maxLength={500} feedback={feedbackFor(result, "move")} />
            <SubmitButton intent="move" pendingText="Moving…" className="button button-small">
              Move
            </SubmitButton>
          </Form>
        </div>
      ) : null}
      <div className="tool-group">
        <h2>Visibility</h2>
        {state.hiddenAt ? (
          <ToolForm intent="unhide" label="Unhide" reasonLabel="Note for the audit log (optional)" result={result} />
        ) : (
          <ToolForm intent="hide" label="Hide" reasonLabel="Reason shown to the author" result={result} />
        )}
        <ToolForm intent="delete" label="Delete" reasonLabel="Why it is deleted (required)" result={result} required />
      </div>
      <ImageTools images={images} result={result} />
    </>
  );
}
