/** On staff's edit form: make this edit a redaction, which hides every earlier version from everyone but staff. */
export function RedactionChoice({ checked }: { checked: boolean }) {
  return (
    <div className="field">
      <label className="choice">
        <input type="checkbox" name="redact" defaultChecked={checked} /> Redaction: hide every earlier version from everyone but staff
      </label>
    </div>
  );
}
