import type { Format } from "~/utils/markdown-edit";

const buttons: { format: Format; label: string; text: string; keys?: string }[] = [
  { format: "bold", label: "Bold", text: "B", keys: "B" },
  { format: "italic", label: "Italic", text: "I", keys: "I" },
  { format: "link", label: "Link", text: "Link", keys: "K" },
  { format: "quote", label: "Quote", text: "❝" },
  { format: "code", label: "Code", text: "</>" },
  { format: "bullets", label: "Bulleted list", text: "•—" },
  { format: "numbers", label: "Numbered list", text: "1." },
];

type Props = { fieldId: string; mac: boolean; onFormat: (format: Format) => void };

/**
 * The formatting buttons over a Markdown text area (only with JavaScript:
 * without it they could do nothing). Each inserts plain Markdown; the text
 * area keeps the focus when clicked and gets it back when pressed by keyboard.
 */
export function EditorToolbar({ fieldId, mac, onFormat }: Props) {
  const modifier = mac ? "Cmd" : "Ctrl";
  return (
    <div className="editor-toolbar" role="group" aria-label="Formatting" aria-controls={fieldId}>
      {buttons.map((b) => (
        <button
          key={b.format}
          type="button"
          className={`editor-button editor-${b.format}`}
          aria-label={b.label}
          title={b.keys ? `${b.label} (${modifier}+${b.keys})` : b.label}
          aria-keyshortcuts={b.keys ? `${mac ? "Meta" : "Control"}+${b.keys}` : undefined}
          // A click keeps the text area's focus and selection.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onFormat(b.format)}
        >
          <span aria-hidden="true">{b.text}</span>
        </button>
      ))}
    </div>
  );
}
