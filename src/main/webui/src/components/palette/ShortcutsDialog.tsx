import '../ui/ui.css'; // the .modal rules that palette.css refines
import './palette.css';
import { Fragment, useId } from 'react';
import { t } from '../../i18n';
import { setPrefs, usePrefs } from '../../prefs/prefs';
import { DialogShell } from '../ui/DialogShell';
import { isApple, keyLabel, SHORTCUTS, type KeyToken } from './shortcuts';

export interface ShortcutsDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

/** Alternatives joined by "or"; a chord as nested <kbd> (the HTML spec's way to write key combinations). */
function Keys({ keys, apple }: { readonly keys: readonly (readonly KeyToken[])[]; readonly apple: boolean }) {
  return keys.map((chord, i) => (
    <Fragment key={chord.join('+')}>
      {i > 0 && <span className="shortcuts__or"> {t('shortcuts.or')} </span>}
      {chord.length === 1 ? (
        <kbd className="key">{keyLabel(chord[0]!, apple)}</kbd>
      ) : (
        <kbd className="chord">
          {chord.map((key, j) => (
            <Fragment key={key}>
              {j > 0 && '+'}
              <kbd className="key">{keyLabel(key, apple)}</kbd>
            </Fragment>
          ))}
        </kbd>
      )}
    </Fragment>
  ));
}

/**
 * The keyboard cheat sheet (the `?` key), with the switch for single-key shortcuts on top: the
 * place a user who just learnt that P pauses also learns how to stop P from pausing. Rows of
 * single-key shortcuts say "off" while they are.
 */
export function ShortcutsDialog({ open, onClose }: ShortcutsDialogProps) {
  const prefs = usePrefs();
  const hintId = useId();
  if (!open) return null;
  const apple = isApple();
  return (
    <DialogShell
      title={t('shortcuts.title')}
      description={t('shortcuts.description')}
      closeLabel={t('common.close')}
      onClose={onClose}
      className="shortcuts-dialog"
    >
      <div className="modal__body">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            className="switch__input"
            checked={prefs.singleKeyShortcuts}
            aria-describedby={hintId}
            onChange={(e) => setPrefs({ singleKeyShortcuts: e.target.checked })}
          />
          <span>{t('prefs.singleKeyShortcuts')}</span>
        </label>
        <p id={hintId} className="field__hint switch__hint">
          {t('prefs.singleKeyShortcutsHint')}
        </p>
        {SHORTCUTS.map((group) => (
          <table key={group.id} className="shortcuts">
            <caption className="shortcuts__caption">{t(group.title)}</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t('shortcuts.keys')}</th>
                <th scope="col">{t('shortcuts.action')}</th>
              </tr>
            </thead>
            <tbody>
              {group.shortcuts.map((shortcut) => {
                const off = shortcut.singleKey === true && !prefs.singleKeyShortcuts;
                return (
                  <tr key={shortcut.description} className={off ? 'shortcuts__row shortcuts__row--off' : 'shortcuts__row'}>
                    <td className="shortcuts__keys">
                      <Keys keys={shortcut.keys} apple={apple} />
                    </td>
                    <td className="shortcuts__action">
                      {t(shortcut.description)}
                      {off && <span className="shortcuts__off"> ({t('shortcuts.off')})</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      </div>
      <div className="modal__footer">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('common.done')}
        </button>
      </div>
    </DialogShell>
  );
}
