import { useId } from 'react';
import { useLimitUnit } from '../../prefs/formats';
import { limitBytes } from '../../format';
import type { AddOptions } from './addApi';
import { tr } from './strings';
import type { FolderCheck } from './useSpace';
import { LabelFields } from './LabelFields';

export interface OptionsFieldsProps {
  readonly options: AddOptions;
  readonly check: FolderCheck;
  readonly onChange: (options: AddOptions) => void;
  /** Shown when the dialog holds several torrents. */
  readonly onApplyToAll?: () => void;
}

/** Output folder (checked by the server as it is typed), ↓/↑ limits, category and tags, start paused, sequential, first and last pieces first. */
export function OptionsFields({ options, check, onChange, onApplyToAll }: OptionsFieldsProps) {
  const folderId = useId();
  const hintId = useId();
  const errorId = useId();
  const downId = useId();
  const upId = useId();
  const limitHintId = useId();
  const unit = useLimitUnit();
  const badLimit = (typed: string) => limitBytes(typed, unit.bytesPerUnit) === null;
  const { space, error } = check;
  const note = space === null ? null : !space.writable ? tr('addDialog.folderReadOnly') : !space.exists ? tr('addDialog.folderMissing') : null;
  return (
    <fieldset className="add-options">
      <legend className="bq-sr-only">{tr('addDialog.options')}</legend>
      <div className="field">
        <label htmlFor={folderId}>{tr('addDialog.folder')}</label>
        <input
          id={folderId}
          className="input"
          type="text"
          spellCheck={false}
          value={options.folder}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${errorId} ${hintId}` : hintId}
          onChange={(e) => onChange({ ...options, folder: e.target.value })}
        />
        {error !== null && (
          <p id={errorId} className="field__error" role="alert">
            {error}
          </p>
        )}
        <p id={hintId} className="field__hint">
          {note ?? tr('addDialog.folderHint')}
          {space !== null && (
            <>
              {' '}
              <span dir="auto">({space.folder})</span>
            </>
          )}
        </p>
      </div>
      <div className="add-options__limits">
        <div className="field">
          <label htmlFor={downId}>{tr('addDialog.downloadLimit', { unit: unit.label })}</label>
          <input id={downId} className="input" type="text" inputMode="numeric" placeholder="0"
            value={options.downloadLimitText} aria-invalid={badLimit(options.downloadLimitText)} aria-describedby={limitHintId}
            onChange={(e) => onChange({ ...options, downloadLimitText: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={upId}>{tr('addDialog.uploadLimit', { unit: unit.label })}</label>
          <input id={upId} className="input" type="text" inputMode="numeric" placeholder="0"
            value={options.uploadLimitText} aria-invalid={badLimit(options.uploadLimitText)} aria-describedby={limitHintId}
            onChange={(e) => onChange({ ...options, uploadLimitText: e.target.value })} />
        </div>
        <p id={limitHintId} className="field__hint">{tr('addDialog.limitHint', { unit: unit.label })}</p>
      </div>
      <LabelFields options={options} onChange={onChange} />
      <label className="add-options__check">
        <input type="checkbox" checked={options.paused} onChange={(e) => onChange({ ...options, paused: e.target.checked })} />
        {tr('addDialog.paused')}
      </label>
      <label className="add-options__check">
        <input
          type="checkbox"
          checked={options.sequential}
          onChange={(e) => onChange({ ...options, sequential: e.target.checked })}
        />
        {tr('addDialog.sequential')}
      </label>
      <label className="add-options__check">
        <input
          type="checkbox"
          checked={options.firstLastPiecePriority}
          onChange={(e) => onChange({ ...options, firstLastPiecePriority: e.target.checked })}
        />
        {tr('addDialog.firstLast')}
      </label>
      {onApplyToAll && (
        <button type="button" className="button" onClick={onApplyToAll}>
          {tr('addDialog.applyAll')}
        </button>
      )}
    </fieldset>
  );
}
