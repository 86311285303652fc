import { X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { createTags, deleteTag, parseTags } from '../../api/labels';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { useLabels } from '../../store/useLabels';
import { HintedField } from '../ui/HintedField';
import { LabelsSection } from './LabelsSection';
import { useLabelChange } from './useLabelChange';

/** Settings › Categories: the session's tags; create some, delete one (it is taken off every torrent). */
export function TagsPanel() {
  const { rest } = useApp();
  const { tags, loaded } = useLabels();
  const { busy, change } = useLabelChange('tags.failed');
  const id = useId();
  const [text, setText] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const names = parseTags(text);
    if (names.length > 0 && (await change(() => createTags(rest, names), t('tags.created')))) setText('');
  };

  return (
    <LabelsSection id={id} kind="tags" loaded={loaded} empty={tags.length === 0} removing={removing}
      onCloseRemove={() => setRemoving(null)} onDelete={(n) => void change(() => deleteTag(rest, n), t('tags.deleted', { name: n }))}>
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
        <HintedField label={t('tags.new')} value={text} onChange={setText} hint={t('tags.newHint')} />
        <button type="submit" className="button button--primary" disabled={busy || parseTags(text).length === 0}>{t('tags.create')}</button>
      </form>
    </LabelsSection>
  );
}
