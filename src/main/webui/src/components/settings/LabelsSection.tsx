import type { ReactNode } from 'react';
import { t } from '../../i18n';
import { ConfirmDialog } from './ConfirmDialog';

export interface LabelsSectionProps {
  /** The panel's id; the title's is `${id}-title`, for its list to be named by. */
  readonly id: string;
  /** Whose texts it shows: `categories.*` or `tags.*`. */
  readonly kind: 'categories' | 'tags';
  readonly loaded: boolean;
  /** There are none (said once loaded). */
  readonly empty: boolean;
  /** The one whose deletion is being confirmed, or null. */
  readonly removing: string | null;
  /** Ends the confirmation (before `onDelete` when confirmed). */
  readonly onCloseRemove: () => void;
  readonly onDelete: (name: string) => void;
  /** The list and the form that creates. */
  readonly children: ReactNode;
}

/**
 * One of Settings › Categories' panels: its title, a line while loading or while there are none, its list
 * and form, and the "are you sure?" before deleting one.
 */
export function LabelsSection({ id, kind, loaded, empty, removing, onCloseRemove, onDelete, children }: LabelsSectionProps) {
  return (
    <section className="settings__group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`${kind}.title`)}</h3>
      {!loaded && <p>{t('empty.loading')}</p>}
      {loaded && empty && <p className="setting__help">{t(`${kind}.none`)}</p>}
      {children}
      <ConfirmDialog
        message={removing === null ? null : t(`${kind}.confirmDelete`, { name: removing })}
        title={t(`${kind}.delete`, { name: removing ?? '' })}
        confirm={t(`${kind}.delete`, { name: removing ?? '' })}
        onClose={onCloseRemove}
        onConfirm={() => {
          onCloseRemove();
          if (removing !== null) onDelete(removing);
        }}
      />
    </section>
  );
}
