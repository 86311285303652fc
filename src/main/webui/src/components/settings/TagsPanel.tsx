import { X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { createTags, deleteTag, parseTags } from '../../api/labels';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { useLabels } from '../../store/useLabels';
import { ConfirmDialog } from './ConfirmDialog';

/** Settings › Categories: the session's tags; create some, delete one (it is taken off every torrent). */
export function TagsPanel() {
  const { rest, labels, toast } = useApp();
  const { tags, loaded } = useLabels();
  const id = useId();
  const [text, setText] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      await action();
      toast(done, 'success');
      return true;
    } catch (e) {
      toast(t('tags.failed'), 'error', [e instanceof Error ? e.message : String(e)]);
      return false;
    } finally {
      setBusy(false);
      void labels.refresh();
    }
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const names = parseTags(text);
    if (names.length > 0 && (await change(() => createTags(rest, names), t('tags.created')))) setText('');
  };

  return (
    <section className="settings__group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('tags.title')}</h3>
      {!loaded && <p>{t('empty.loading')}</p>}
      {loaded && tags.length === 0 && <p className="setting__help">{t('tags.none')}</p>}
      {tags.length > 0 && (
        <ul className="labels-tags" aria-label={t('tags.list')}>
          {tags.map((tag) => (
            <li key={tag} className="chip labels-tags__tag">
              <bdi dir="auto">{tag}</bdi>
              <button type="button" className="icon-button" aria-label={t('tags.delete', { name: tag })} onClick={() => setRemoving(tag)}>
                <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="labels-form" onSubmit={(e) => void create(e)} noValidate aria-label={t('tags.create')}>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('tags.new')}</label>
          <input id={`${id}-new`} className="input" type="text" value={text} spellCheck={false} aria-describedby={`${id}-hint`}
            onChange={(e) => setText(e.target.value)} />
          <p id={`${id}-hint`} className="field__hint">{t('tags.newHint')}</p>
        </div>
        <button type="submit" className="button button--primary" disabled={busy || parseTags(text).length === 0}>{t('tags.create')}</button>
      </form>
      <ConfirmDialog
        message={removing === null ? null : t('tags.confirmDelete', { name: removing })}
        title={t('tags.delete', { name: removing ?? '' })}
        confirm={t('tags.delete', { name: removing ?? '' })}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          const n = removing;
          setRemoving(null);
          if (n !== null) void change(() => deleteTag(rest, n), t('tags.deleted', { name: n }));
        }}
      />
    </section>
  );
}
