import { useId } from 'react';
import { parseTags } from '../../api/labels';
import { useLabels } from '../../store/useLabels';
import type { AddOptions } from './addApi';
import { tr } from './strings';

export interface LabelFieldsProps {
  readonly options: AddOptions;
  readonly onChange: (options: AddOptions) => void;
}

/**
 * Category (one of the session's, offered as the field is typed, or a new name, which the server
 * creates) and tags (typed, comma-separated, or picked from the session's with a button each).
 */
export function LabelFields({ options, onChange }: LabelFieldsProps) {
  const { categories, tags } = useLabels();
  const categoryId = useId();
  const listId = useId();
  const categoryHintId = useId();
  const tagsId = useId();
  const tagsHintId = useId();
  const typed = options.category.trim();
  const known = categories.find((c) => c.name === typed);
  const chosen = parseTags(options.tags);
  const toggle = (tag: string) => {
    const next = chosen.includes(tag) ? chosen.filter((x) => x !== tag) : [...chosen, tag];
    onChange({ ...options, tags: next.join(', ') });
  };
  let categoryHint = tr('addDialog.categoryHint');
  if (known !== undefined) categoryHint = tr('addDialog.categoryFolder', { path: known.path });
  else if (typed !== '') categoryHint = tr('addDialog.categoryNew', { name: typed });

  return (
    <div className="add-options__labels">
      <div className="field">
        <label htmlFor={categoryId}>{tr('addDialog.category')}</label>
        <input id={categoryId} className="input" type="text" list={listId} spellCheck={false} autoComplete="off"
          value={options.category} aria-describedby={categoryHintId}
          onChange={(e) => onChange({ ...options, category: e.target.value })} />
        <datalist id={listId}>
          {categories.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
        <p id={categoryHintId} className="field__hint">
          <bdi dir="auto">{categoryHint}</bdi>
        </p>
      </div>
      <div className="field">
        <label htmlFor={tagsId}>{tr('addDialog.tags')}</label>
        <input id={tagsId} className="input" type="text" spellCheck={false} autoComplete="off" value={options.tags}
          aria-describedby={tagsHintId} onChange={(e) => onChange({ ...options, tags: e.target.value })} />
        <p id={tagsHintId} className="field__hint">
          {tr('addDialog.tagsHint')}
        </p>
        {tags.length > 0 && (
          <div className="add-options__tags" role="group" aria-label={tr('addDialog.existingTags')}>
            {tags.map((tag) => (
              <button key={tag} type="button" className="chip-button" aria-pressed={chosen.includes(tag)} onClick={() => toggle(tag)}>
                <bdi dir="auto">{tag}</bdi>
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
