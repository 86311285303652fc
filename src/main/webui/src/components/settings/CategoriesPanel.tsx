import { Pencil, Trash } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { createCategory, deleteCategory, editCategory, type CategoryDto } from '../../api/labels';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { useLabels } from '../../store/useLabels';
import { HintedField } from '../ui/HintedField';
import { LabelsSection } from './LabelsSection';
import { useLabelChange } from './useLabelChange';

/**
 * Settings › Categories: the session's categories with their folders; create one, change a folder,
 * remove one (its torrents keep their data and lose the category). Each change applies at once.
 */
export function CategoriesPanel() {
  const { rest } = useApp();
  const { categories, loaded } = useLabels();
  const { busy, change } = useLabelChange('categories.failed');
  const id = useId();
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ name: string; folder: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (n === '') return;
    setError(null);
    // The server names the name or the folder as at fault (400), or says the category exists (409): either way, the form's.
    if (await change(() => createCategory(rest, n, folder.trim()), t('categories.created', { name: n }), setError)) {
      setName('');
      setFolder('');
    }
  };

  const saveFolder = async (c: CategoryDto, next: string) => {
    if (await change(() => editCategory(rest, c.name, next.trim()), t('categories.saved', { name: c.name }))) setEditing(null);
  };

  return (
    <LabelsSection id={id} kind="categories" loaded={loaded} empty={categories.length === 0} removing={removing}
      onCloseRemove={() => setRemoving(null)}
      onDelete={(n) => void change(() => deleteCategory(rest, n), t('categories.deleted', { name: n }))}>
      {categories.length > 0 && (
        <table className="labels-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('categories.name')}</th>
              <th scope="col">{t('categories.folder')}</th>
              <th scope="col">{t('categories.path')}</th>
              <th scope="col">{t('categories.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.name}>
                <th scope="row"><bdi dir="auto">{c.name}</bdi></th>
                <td>
                  {editing?.name === c.name ? (
                    <form className="labels-table__edit" onSubmit={(e) => {
                      e.preventDefault();
                      void saveFolder(c, editing.folder);
                    }}>
                      <input className="input" type="text" value={editing.folder} autoFocus spellCheck={false}
                        aria-label={t('categories.edit', { name: c.name })}
                        onChange={(e) => setEditing({ name: c.name, folder: e.target.value })} />
                      <button type="submit" className="button button--small" disabled={busy}>{t('categories.save')}</button>
                      <button type="button" className="button button--small" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
                    </form>
                  ) : (
                    <bdi dir="auto">{c.folder || t('categories.folderDefault')}</bdi>
                  )}
                </td>
                <td><bdi dir="auto" className="labels-table__path">{c.path}</bdi></td>
                <td className="labels-table__actions">
                  <button type="button" className="icon-button" aria-label={t('categories.edit', { name: c.name })}
                    onClick={() => setEditing({ name: c.name, folder: c.folder })}>
                    <Pencil size={14} aria-hidden="true" />
                  </button>
                  <button type="button" className="icon-button" aria-label={t('categories.delete', { name: c.name })}
                    onClick={() => setRemoving(c.name)}>
                    <Trash size={14} aria-hidden="true" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="labels-form" onSubmit={(e) => void create(e)} noValidate aria-label={t('categories.create')}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('categories.newName')}</label>
          <input id={`${id}-name`} className="input" type="text" value={name} spellCheck={false}
            aria-invalid={error !== null ? true : undefined} aria-describedby={error !== null ? `${id}-error` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }} />
        </div>
        <HintedField label={t('categories.newFolder')} value={folder} onChange={setFolder} hint={t('categories.folderHint')} />
        <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''}>{t('categories.create')}</button>
        {error !== null && <p id={`${id}-error`} className="setting__error" role="alert">{error}</p>}
      </form>
    </LabelsSection>
  );
}
