import '../ui/ui.css'; // the .modal rules that palette.css refines
import './palette.css';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n';
import { DialogShell } from '../ui/DialogShell';
import { groupInOrder, matchCommands } from './paletteMatch';

export interface PaletteCommand {
  /** Unique among the commands given. */
  readonly id: string;
  readonly title: string;
  /** Section heading; sections appear in the order of their best match. */
  readonly group: string;
  /** Other words that find it (synonyms), searched but not shown. */
  readonly keywords?: readonly string[];
  /** Key hint shown beside it, as text (e.g. "Ctrl+O"). */
  readonly shortcut?: string;
  readonly run: () => void;
  /** Shown, but skipped by the arrow keys and not run. */
  readonly disabled?: boolean;
}

export interface CommandPaletteProps {
  readonly open: boolean;
  readonly onClose: () => void;
  /** In order of usefulness: the order among equally good matches. */
  readonly commands: readonly PaletteCommand[];
}

/** More would only slow typing down; a longer list is narrowed by typing, and says so. */
export const PALETTE_LIMIT = 100;
/** Options moved by PageUp/PageDown (about what the list shows at once). */
const PAGE = 8;

/**
 * A searchable list of commands in a modal (the APG combobox with a listbox popup): focus stays
 * in the text field while ↑/↓/Home/End/PageUp/PageDown move the active option, Enter runs it and
 * closes, Esc closes; focus then returns to what opened it (DialogShell). Rendered only while open,
 * so each opening starts with an empty query.
 */
export function CommandPalette({ open, onClose, commands }: CommandPaletteProps) {
  if (!open) return null;
  return <PaletteDialog onClose={onClose} commands={commands} />;
}

function PaletteDialog({ onClose, commands }: Omit<CommandPaletteProps, 'open'>) {
  const [query, setQuery] = useState('');
  // By id rather than index, so that a command list re-rendered by live updates keeps the choice.
  const [activeId, setActiveId] = useState<string | null>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  const matches = useMemo(() => matchCommands(commands, query), [commands, query]);
  const sections = useMemo(() => groupInOrder(matches.slice(0, PALETTE_LIMIT)), [matches]);
  const flat = sections.flatMap((s) => s.items);
  const enabled = flat.flatMap((c, i) => (c.disabled === true ? [] : [i]));
  const chosen = flat.findIndex((c) => c.id === activeId);
  const active = chosen >= 0 && flat[chosen]?.disabled !== true ? chosen : (enabled[0] ?? -1);

  // Only when the active option changes: a re-render from live updates must not undo the user's scrolling.
  useEffect(() => {
    if (active >= 0) document.getElementById(`${baseId}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, baseId]);

  const activate = (index: number | undefined) => {
    if (index !== undefined) setActiveId(flat[index]?.id ?? null);
  };
  const run = (command: PaletteCommand | undefined) => {
    if (command === undefined || command.disabled === true) return;
    // Closing first: a command that opens a dialog then gets the focus, and returns it to the opener.
    onClose();
    command.run();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const at = enabled.indexOf(active);
    const last = enabled.length - 1;
    const step = (by: number) => enabled[Math.max(0, Math.min(last, at + by))];
    switch (e.key) {
      case 'ArrowDown':
        activate(enabled[at >= last ? 0 : at + 1]);
        break;
      case 'ArrowUp':
        activate(enabled[at <= 0 ? last : at - 1]);
        break;
      case 'Home':
        activate(enabled[0]);
        break;
      case 'End':
        activate(enabled[last]);
        break;
      case 'PageDown':
        activate(step(PAGE));
        break;
      case 'PageUp':
        activate(step(-PAGE));
        break;
      case 'Enter':
        if (e.nativeEvent.isComposing) return; // confirming an input method's text, not a command
        run(flat[active]);
        break;
      case 'k':
      case 'K':
        // Ctrl/⌘+K toggles; stopped here so the page's Ctrl/⌘+K does not open it again.
        if (!(e.ctrlKey || e.metaKey)) return;
        e.stopPropagation();
        onClose();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <DialogShell title={t('palette.title')} closeLabel={t('common.close')} onClose={onClose} className="palette">
      <input
        className="input palette__input"
        type="text"
        role="combobox"
        aria-label={t('palette.input')}
        aria-expanded={flat.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        placeholder={t('palette.placeholder')}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActiveId(null);
        }}
        onKeyDown={onKeyDown}
      />
      {/* Kept in the DOM (hidden when empty) so that aria-controls always names an element. */}
      <div id={listId} role="listbox" aria-label={t('palette.list')} className="palette__list" hidden={flat.length === 0}>
        {sections.map((section) => (
          <div key={section.group} role="group" aria-label={section.group} className="palette__section">
            <div className="palette__group" aria-hidden="true">
              {section.group}
            </div>
            {section.items.map((command) => {
              const index = flat.indexOf(command);
              return (
                <div
                  key={command.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  aria-disabled={command.disabled === true ? true : undefined}
                  className="palette__option"
                  // The text field keeps the focus; a click only picks.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => command.disabled !== true && index !== active && setActiveId(command.id)}
                  onClick={() => run(command)}
                >
                  <span className="palette__title">{command.title}</span>
                  {command.shortcut !== undefined && <kbd className="palette__kbd">{command.shortcut}</kbd>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {flat.length === 0 && (
        <p className="palette__empty">{query.trim() === '' ? t('palette.none') : t('palette.empty', { query: query.trim() })}</p>
      )}
      {matches.length > flat.length && (
        <p className="palette__more">{t('palette.truncated', { shown: flat.length, count: matches.length })}</p>
      )}
      <p className="sr-only" role="status">
        {query.trim() === '' ? '' : t('palette.count', { count: matches.length })}
      </p>
    </DialogShell>
  );
}
