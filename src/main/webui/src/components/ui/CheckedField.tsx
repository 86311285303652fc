import { useId, type Ref } from 'react';

export interface CheckedFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** What is wrong with the value (a typing mistake or the server's refusal), or null. */
  readonly problem: string | null;
  /** The problem is the server's refusal: it is announced (an alert); a typing mistake is only described. */
  readonly refused: boolean;
  /** The line under the input, after the problem. */
  readonly hint: string;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly disabled?: boolean;
  readonly dir?: 'auto';
}

/** A labelled text input for a name, checked as it is typed: its problem (if any) and a hint under it. */
export function CheckedField({ label, value, onChange, problem, refused, hint, inputRef, disabled, dir }: CheckedFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input ref={inputRef} id={id} className="input" type="text" value={value} disabled={disabled} dir={dir}
        spellCheck={false} autoComplete="off" aria-invalid={problem !== null}
        aria-describedby={problem === null ? hintId : `${errorId} ${hintId}`}
        onChange={(e) => onChange(e.target.value)} />
      {problem !== null && (
        <p id={errorId} className="field__error" {...(refused ? { role: 'alert' } : {})}>
          {problem}
        </p>
      )}
      <p id={hintId} className="field__hint">
        {hint}
      </p>
    </div>
  );
}
