import { Tabs } from 'radix-ui';
import { DialogShell } from '../ui/DialogShell';
import type { MessageKey } from '../../i18n';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../../context';
import { limitBytes, limitUnit } from '../../format';
import { DEFAULT_OPTIONS, isAddable, type Entry } from './entries';
import { EntryPanel } from './EntryPanel';
import { OptionsFields } from './OptionsFields';
import { tr } from './strings';
import { useAddEntries, type AddInputs } from './useAddEntries';
import { useFolderSpace } from './useSpace';
import './add.css';

export interface AddDialogProps {
  readonly open: boolean;
  /** Dropped files or pasted text that opened the dialog; read each time it opens. */
  readonly initialInput?: AddInputs;
  readonly onClose: () => void;
  /** Ids of the torrents added (the list highlights them). */
  readonly onAdded?: (ids: string[]) => void;
}

const STATUS_KEY: Readonly<Record<Entry['status'], MessageKey>> = {
  parsing: 'addDialog.state.waiting',
  metadata: 'addDialog.state.waiting',
  adding: 'addDialog.state.waiting',
  ready: 'addDialog.state.ready',
  error: 'addDialog.state.error',
  duplicate: 'addDialog.state.duplicate',
};

/**
 * "Add torrents": .torrent files and magnet links/URLs, each parsed by the server first and shown
 * as a tab with its file tree, so files and priorities are chosen before anything downloads.
 * Radix's Dialog traps focus, closes on Esc and gives focus back to what opened it.
 */
export function AddDialog({ open, initialInput, onClose, onAdded }: AddDialogProps) {
  const app = useApp();
  const isKnown = (hash: string) => app.store.getState().torrents.has(hash);
  const entries = useAddEntries((message, kind) => app.toast(message, kind), isKnown);
  const [text, setText] = useState('');
  const [active, setActive] = useState<string | null>(null);
  const [draft, setDraft] = useState(DEFAULT_OPTIONS);
  const [busy, setBusy] = useState(false);
  const filesId = useId();
  const textId = useId();
  const textHintId = useId();

  // Read each new input once: on opening, and when files are dropped or text pasted while open.
  // Compared by content (files array, text), so a parent re-creating the object adds nothing twice.
  const seen = useRef<{ files?: readonly File[] | undefined; text?: string | undefined } | null>(null);
  useEffect(() => {
    if (!open) {
      seen.current = null;
      return;
    }
    const first = seen.current === null;
    const last = seen.current ?? {};
    const files = initialInput?.files !== last.files ? (initialInput?.files ?? []) : [];
    const pasted = initialInput?.text !== last.text ? (initialInput?.text ?? '') : '';
    seen.current = { files: initialInput?.files, text: initialInput?.text };
    if (first) setDraft(DEFAULT_OPTIONS);
    if (files.length > 0 || pasted.trim() !== '') entries.addInputs({ files, text: pasted }, first ? DEFAULT_OPTIONS : draftFor());
    // Only the input matters here: addInputs reads the entries through a ref.
  }, [open, initialInput?.files, initialInput?.text]);

  const list = entries.entries;
  const current = list.find((e) => e.key === active) ?? list[0] ?? null;
  const options = current?.options ?? draft;
  const check = useFolderSpace(options.folder, open);
  const setOptions = (next: typeof options) => (current === null ? setDraft(next) : entries.update(current.key, { options: next }));

  const close = () => {
    entries.discardAll();
    setText('');
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || check.error !== null || !list.some(isAddable)) return;
    // A limit that is not a whole number is shown as invalid on its field; nothing is added with it.
    if (list.some((e) => limitBytes(e.options.downloadLimitText) === null || limitBytes(e.options.uploadLimitText) === null)) {
      app.toast(tr('addDialog.badLimit', { unit: limitUnit().label }), 'error');
      return;
    }
    setBusy(true);
    // A category or tags new to the session are created with the torrent: the sidebar lists them then.
    const labelled = list.some((e) => isAddable(e) && (e.options.category.trim() !== '' || e.options.tags.trim() !== ''));
    try {
      const { ids, remaining } = await entries.commitAll();
      if (ids.length > 0) {
        app.toast(tr('addDialog.added', { count: ids.length }));
        onAdded?.(ids);
        if (labelled) void app.labels.refresh();
      }
      if (remaining === 0) close();
    } finally {
      setBusy(false);
    }
  };

  const addWithoutChoosing = async (entry: Entry) => {
    const id = await entries.addWithoutChoosing(entry.key);
    if (id === null) return;
    onAdded?.([id]);
    if (list.length <= 1) close();
  };

  // New entries start with the options on screen.
  const draftFor = () => current?.options ?? draft;
  const loadText = () => {
    entries.addInputs({ text }, draftFor());
    setText('');
  };

  if (!open) return null;
  return (
    <DialogShell title={tr('addDialog.title')} description={tr('addDialog.description')}
      closeLabel={tr('addDialog.close')} onClose={close} className="add-dialog">
      <form onSubmit={(e) => void submit(e)} className="add-dialog__form">
        <div className="add-dialog__sources">
          <div className="field">
            <label htmlFor={filesId}>{tr('addDialog.files')}</label>
            <input
              id={filesId}
              type="file"
              multiple
              accept=".torrent,application/x-bittorrent"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = ''; // the same file can be chosen again after removing it
                if (files.length > 0) entries.addInputs({ files }, draftFor());
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={textId}>{tr('addDialog.text')}</label>
            <textarea
              id={textId}
              className="input"
              rows={3}
              spellCheck={false}
              value={text}
              aria-describedby={textHintId}
              onChange={(e) => setText(e.target.value)}
            />
            <p id={textHintId} className="field__hint">
              {tr('addDialog.textHint')}
            </p>
            <button type="button" className="button" disabled={text.trim() === ''} onClick={loadText}>
              {tr('addDialog.load')}
            </button>
          </div>
        </div>
        {current === null ? (
          <p className="add-dialog__empty">{tr('addDialog.nothing')}</p>
        ) : (
          <Tabs.Root value={current.key} onValueChange={setActive} className="add-dialog__entries">
            {list.length > 1 && (
              <Tabs.List aria-label={tr('addDialog.torrents')} className="add-dialog__tabs">
                {list.map((e) => (
                  <Tabs.Trigger key={e.key} value={e.key} className="add-dialog__tab">
                    <span className="add-dialog__tab-name" dir="auto">
                      {e.info?.name ?? e.label}
                    </span>
                    <span className={`add-dialog__tab-state add-dialog__tab-state--${e.status}`}>
                      {tr(STATUS_KEY[e.status])}
                    </span>
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
            )}
            {list.map((e) => (
              <Tabs.Content key={e.key} value={e.key}>
                <EntryPanel
                  entry={e}
                  space={check.space}
                  onPriorities={(prio) => entries.update(e.key, { prio })}
                  onRemove={() => entries.remove(e.key)}
                  onAddWithoutChoosing={() => void addWithoutChoosing(e)}
                />
              </Tabs.Content>
            ))}
          </Tabs.Root>
        )}
        <OptionsFields
          options={options}
          check={check}
          onChange={setOptions}
          {...(list.length > 1 ? { onApplyToAll: () => entries.applyToAll(options) } : {})}
        />
        <div className="modal__footer">
          <button type="button" className="button" onClick={close}>
            {tr('addDialog.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || !list.some(isAddable) || check.error !== null}>
            {busy ? tr('addDialog.adding') : tr('addDialog.add')}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
