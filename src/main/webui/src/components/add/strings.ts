import { LOCALE, t, type MessageKey, type MessageVars } from '../../i18n';

/**
 * Text of the Add dialog and the Details pane. Every string goes through the app's `t()` first, so
 * once these keys are added to `src/locales/en.ts` (or translated) that wins; until then `t()`
 * answers the key itself and the English default below is used. Kept here because the locale
 * files belong to the shell.
 */
const plurals = new Intl.PluralRules(LOCALE);

export type Dictionary = Readonly<Record<string, string>>;

export function translator(dictionary: Dictionary) {
  return (key: string, vars?: MessageVars): string => {
    const viaApp = t(key as MessageKey, vars);
    if (viaApp !== key) return viaApp;
    const count = vars?.count;
    let template: string | undefined;
    if (typeof count === 'number') template = dictionary[`${key}_${plurals.select(count)}`] ?? dictionary[`${key}_other`];
    template ??= dictionary[key] ?? key;
    if (vars === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? new Intl.NumberFormat(LOCALE).format(value) : value;
    });
  };
}

const tree: Dictionary = {
  'fileTree.label': 'Files',
  'fileTree.filter': 'Filter files',
  'fileTree.expandAll': 'Expand all',
  'fileTree.collapseAll': 'Collapse all',
  'fileTree.name': 'Name',
  'fileTree.size': 'Size',
  'fileTree.progress': 'Progress',
  'fileTree.priority': 'Priority',
  'fileTree.want': 'Download {name}',
  'fileTree.priorityOf': 'Priority of {name}',
  'fileTree.expand': 'Expand {name}',
  'fileTree.collapse': 'Collapse {name}',
  'fileTree.progressOf': 'Progress of {name}',
  'fileTree.stream': 'Stream',
  'fileTree.streamOf': 'Stream {name}',
  'fileTree.noMatch': 'No file matches the filter.',
  'priority.skip': 'Skip',
  'priority.low': 'Low',
  'priority.normal': 'Normal',
  'priority.high': 'High',
  'priority.mixed': 'Mixed',
};

const add: Dictionary = {
  'addDialog.title': 'Add torrents',
  'addDialog.description': 'Choose .torrent files or paste magnet links, then pick the files to download.',
  'addDialog.files': 'Torrent files',
  'addDialog.text': 'Magnet links or URLs',
  'addDialog.textHint': 'One a line; a 40-character info-hash works too.',
  'addDialog.load': 'Load links',
  'addDialog.torrents': 'Torrents to add',
  'addDialog.remove': 'Remove {name} from the list',
  'addDialog.removeShort': 'Remove',
  'addDialog.close': 'Close',
  'addDialog.options': 'Options',
  'addDialog.parsing': 'Reading the torrent…',
  'addDialog.metadata': 'Fetching metadata… {seconds} s, {peers} peers',
  'addDialog.cancelMetadata': 'Cancel',
  'addDialog.addWithout': 'Add without choosing',
  'addDialog.duplicate': '{name} is already in the list',
  'addDialog.badInput': 'Not a magnet link, URL or info-hash: {input}',
  'addDialog.name': 'Name',
  'addDialog.totalSize': 'Total size',
  'addDialog.pieceSize': 'Piece size',
  'addDialog.pieces': 'Pieces',
  'addDialog.private': 'Private',
  'addDialog.yes': 'Yes',
  'addDialog.no': 'No',
  'addDialog.trackers': 'Trackers',
  'addDialog.selected': 'Selected: {selected} of {total}',
  'addDialog.free': 'Free space: {free}',
  'addDialog.noFit': 'The selection does not fit: {free} free.',
  'addDialog.folder': 'Output folder',
  'addDialog.folderHint': 'Inside the download folder; empty for the default.',
  'addDialog.folderMissing': 'The folder will be created.',
  'addDialog.folderReadOnly': 'The folder cannot be written to.',
  'addDialog.paused': 'Start paused',
  'addDialog.sequential': 'Download in order (sequential)',
  'addDialog.applyAll': 'Apply options to all',
  'addDialog.cancel': 'Cancel',
  'addDialog.add': 'Add',
  'addDialog.adding': 'Adding…',
  'addDialog.added_one': 'Added {count} torrent',
  'addDialog.added_other': 'Added {count} torrents',
  'addDialog.failed': '{name}: {message}',
  'addDialog.nothing': 'Choose a .torrent file or paste a magnet link to start.',
  'addDialog.state.ready': 'ready',
  'addDialog.state.error': 'error',
  'addDialog.state.waiting': 'waiting',
  'addDialog.state.duplicate': 'already in the list',
};

/** Text of the Add dialog and the file tree. */
export const tr = translator({ ...tree, ...add });
