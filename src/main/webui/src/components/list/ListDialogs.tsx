import type { TorrentDto } from '../../api/types';
import { useApp } from '../../context';
import { ownGoals } from '../../store/goals';
import { useLabels } from '../../store/useLabels';
import type { TorrentActions } from './actions';
import { CategoryDialog } from './dialogs/CategoryDialog';
import { LimitsDialog } from './dialogs/LimitsDialog';
import { MoveDialog } from './dialogs/MoveDialog';
import { RemoveDialog } from './dialogs/RemoveDialog';
import { SeedGoalsDialog } from './dialogs/SeedGoalsDialog';
import { TagsDialog } from './dialogs/TagsDialog';
import { TorrentRenameDialog } from './dialogs/TorrentRenameDialog';
import { sharedCategory, tri } from './menuState';

/** The list's dialog in view, and the torrents it acts on. */
export type DialogState =
  | { readonly kind: 'remove'; readonly ids: readonly string[]; readonly withFiles: boolean }
  | { readonly kind: 'move' | 'limits' | 'seedGoals' | 'rename'; readonly ids: readonly string[] }
  | { readonly kind: 'category' | 'tags'; readonly ids: readonly string[]; readonly create: boolean }
  | null;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The dialogs the list's commands open; each closes before its action runs (the toast reports it), except
 * Rename, which sends its own requests and stays open to show a refusal.
 */
export function ListDialogs({ dialog, actions, onClose }: { dialog: DialogState; actions: TorrentActions; onClose: () => void }) {
  const app = useApp();
  const labels = useLabels();
  const all = app.store.getState().torrents;
  const ids = dialog?.ids ?? [];
  const torrents = ids.flatMap((id): TorrentDto[] => {
    const x = all.get(id);
    return x === undefined ? [] : [x];
  });
  const first = torrents[0];
  const count = ids.length;
  const run = (action: () => Promise<void>) => {
    onClose();
    void action();
  };
  const categoryNames = [...new Set([...labels.categories.map((c) => c.name), ...torrents.flatMap((x) => (x.category ? [x.category] : []))])];
  const tagNames = [...new Set([...labels.tags, ...torrents.flatMap((x) => x.tags ?? [])])].sort(collator.compare);

  return (
    <>
      <RemoveDialog
        open={dialog?.kind === 'remove'}
        names={dialog?.kind === 'remove' ? ids.map((id) => all.get(id)?.name ?? id) : []}
        deleteFilesInitially={dialog?.kind === 'remove' && dialog.withFiles}
        onClose={onClose}
        onConfirm={(deleteFiles) => run(() => actions.bulk('remove', ids, deleteFiles))}
      />
      <MoveDialog open={dialog?.kind === 'move'} count={count} onClose={onClose}
        onConfirm={(folder) => run(() => actions.move(ids, folder))} />
      <LimitsDialog
        open={dialog?.kind === 'limits'}
        count={count}
        initial={{ downloadLimit: first?.downloadLimit ?? 0, uploadLimit: first?.uploadLimit ?? 0 }}
        onClose={onClose}
        onConfirm={(limits) => run(() => actions.setLimits(ids, limits))}
      />
      <CategoryDialog
        open={dialog?.kind === 'category'}
        count={count}
        categories={categoryNames.sort(collator.compare)}
        initial={sharedCategory(torrents)}
        create={dialog?.kind === 'category' && dialog.create}
        onClose={onClose}
        onConfirm={(category) => run(() => actions.setCategory(ids, category))}
      />
      <TagsDialog
        open={dialog?.kind === 'tags'}
        count={count}
        tags={tagNames.map((name) => ({ name, state: tri(torrents, (x) => (x.tags ?? []).includes(name)) }))}
        create={dialog?.kind === 'tags' && dialog.create}
        onClose={onClose}
        onConfirm={(add, remove) => run(() => actions.changeTags(ids, add, remove))}
      />
      {dialog?.kind === 'seedGoals' && first !== undefined && (
        <SeedGoalsDialog open count={count} initial={ownGoals(first)} onClose={onClose}
          onConfirm={(goals) => run(() => actions.setSeedGoals(ids, goals))} />
      )}
      {dialog?.kind === 'rename' && first !== undefined && <TorrentRenameDialog key={first.id} torrent={first} onClose={onClose} />}
    </>
  );
}
