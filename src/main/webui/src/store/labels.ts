import { createStore, type StoreApi } from 'zustand/vanilla';
import { listCategories, listTags, type CategoryDto } from '../api/labels';
import type { Rest } from '../api/rest';

/** The session's categories and tags as the server lists them (GET /api/v1/categories, /api/v1/tags). */
export interface LabelsState {
  readonly categories: readonly CategoryDto[];
  readonly tags: readonly string[];
  /** A load has answered at least once. */
  readonly loaded: boolean;
}

export type LabelsStore = StoreApi<LabelsState> & {
  /** Loads both lists again (after a change made here); a refresh already running is shared. */
  refresh(): Promise<void>;
  /** Loads them unless they have been loaded or are loading. */
  ensure(): void;
};

const byName = (a: CategoryDto, b: CategoryDto) => a.name.localeCompare(b.name);

export function createLabelsStore(rest: Rest): LabelsStore {
  const store = createStore<LabelsState>()(() => ({ categories: [], tags: [], loaded: false }));
  let running: Promise<void> | null = null;
  const refresh = () => {
    running ??= Promise.all([listCategories(rest), listTags(rest)])
      .then(([categories, tags]) => store.setState({ categories: [...categories].sort(byName), tags, loaded: true }))
      // A server that cannot answer now (restoring its session, an older version) leaves the lists as they were.
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  };
  return Object.assign(store, {
    refresh,
    ensure: () => {
      if (!store.getState().loaded && running === null) void refresh();
    },
  });
}
