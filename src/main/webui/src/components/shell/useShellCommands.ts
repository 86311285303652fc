import { useMemo } from 'react';
import { useApp } from '../../context';
import { formatLimit } from '../../format';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useTorrentIds } from '../../store/live';
import type { ServerSettings } from '../../hooks/useServerSettings';
import type { PaletteCommand } from '../palette/CommandPalette';
import { usePreferenceCommands } from '../palette/preferenceCommands';
import { labelKey, SECTIONS, sectionKey, SETTINGS, helpKey } from '../settings/catalog';

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** Focuses a setting's field once its page has rendered (bounded: gives up after about a second). */
function focusSetting(key: string, tries = 60): void {
  const field = document.querySelector<HTMLElement>(`[data-setting="${CSS.escape(key)}"]`);
  if (field !== null) {
    field.focus();
    field.scrollIntoView({ block: 'center' });
  } else if (tries > 0) {
    requestAnimationFrame(() => focusSetting(key, tries - 1));
  }
}

export interface ShellCommandDeps {
  readonly go: (route: Route) => void;
  readonly openAdd: () => void;
  readonly onShortcuts: () => void;
  readonly onLogout: () => void;
  readonly settings: ServerSettings;
}

/**
 * Everything the command palette offers (UI spec 1.8): the pages, the session-wide actions, every
 * setting by name (opens its section and focuses it) and the preferences.
 */
export function useShellCommands({ go, openAdd, onShortcuts, onLogout, settings }: ShellCommandDeps): readonly PaletteCommand[] {
  const { rest, toast } = useApp();
  const ids = useTorrentIds();
  const preferences = usePreferenceCommands(onShortcuts);
  const altSpeed = settings.dto?.editable.altSpeed ?? null;
  return useMemo(() => {
    const goGroup = t('palette.group.go');
    const actions = t('palette.group.actions');
    const settingsGroup = t('palette.group.settings');
    const bulk = (action: 'pause' | 'resume', done: string) => () => {
      rest.bulk({ action, ids: [...ids] }).then(
        () => toast(done, 'success'),
        (e: unknown) => toast(t('settings.notSaved'), 'error', [e instanceof Error ? e.message : String(e)]),
      );
    };
    const commands: PaletteCommand[] = [
      { id: 'go.list', title: t('page.torrents'), group: goGroup, run: () => go({ page: 'list' }) },
      { id: 'go.logs', title: t('page.logs'), group: goGroup, run: () => go({ page: 'logs' }) },
      { id: 'go.dht', title: t('page.dht'), group: goGroup, run: () => go({ page: 'dht' }) },
      ...SECTIONS.map((section) => ({
        id: `go.settings.${section}`,
        title: `${t('page.settings')} › ${t(sectionKey(section))}`,
        group: goGroup,
        run: () => go({ page: 'settings', section }),
      })),
      { id: 'action.add', title: t('palette.add'), group: actions, shortcut: 'Ctrl+O', run: openAdd },
      {
        id: 'action.turtle',
        title: altSpeed ? t('palette.turtleOff') : t('palette.turtleOn'),
        group: actions,
        keywords: words('turtle alternative speed limits slow'),
        disabled: altSpeed === null,
        run: () => {
          settings.put({ altSpeed: !altSpeed }).then(
            (d) => toast(d.editable.altSpeed
              ? t('turtle.on', { limits: t('turtle.limits', { down: formatLimit(d.editable.altDownloadLimit), up: formatLimit(d.editable.altUploadLimit) }) })
              : t('turtle.off'), 'success'),
            (e: unknown) => toast(t('turtle.failed'), 'error', [e instanceof Error ? e.message : String(e)]),
          );
        },
      },
      { id: 'action.pauseAll', title: t('palette.pauseAll'), group: actions, disabled: ids.length === 0,
        run: bulk('pause', t('palette.pauseAll')) },
      { id: 'action.resumeAll', title: t('palette.resumeAll'), group: actions, disabled: ids.length === 0,
        run: bulk('resume', t('palette.resumeAll')) },
      { id: 'action.logout', title: t('palette.logout'), group: actions, run: onLogout },
      ...SETTINGS.map((s) => ({
        id: `setting.${s.source}.${s.key}`,
        title: t('palette.setting', { section: t(sectionKey(s.section)), name: t(labelKey(s)) }),
        group: settingsGroup,
        keywords: [...words(s.keywords ?? ''), ...words(t(helpKey(s))), s.key],
        run: () => {
          go({ page: 'settings', section: s.section });
          focusSetting(s.key);
        },
      })),
      ...preferences,
    ];
    return commands;
  }, [go, openAdd, onLogout, settings, altSpeed, ids, rest, toast, preferences]);
}
