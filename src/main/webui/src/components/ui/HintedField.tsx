import { useId } from 'react';

export interface HintedFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The line under the input; it describes the input. */
  readonly hint: string;
  readonly autoFocus?: boolean;
}

/** A labelled text input (a name or a folder: no spell checking) with a hint under it. */
export function HintedField({ label, value, onChange, hint, autoFocus = false }: HintedFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type="text" value={value} autoFocus={autoFocus} spellCheck={false}
        aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)} />
      <p id={`${id}-hint`} className="field__hint">{hint}</p>
    </div>
  );
}
