import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../api/rest';
import { en } from '../../locales/en';
import { t } from '../../i18n';
import { applyFormats } from '../../prefs/formats';
import { getPrefs, PREF_DEFAULTS, PREFS_KEY, setPrefs } from '../../prefs/prefs';
import { mockRest, renderWithApp, testApi } from '../../test/fixtures';
import { helpKey, labelKey, searchSettings, SECTIONS, sectionKey, SETTINGS, validate } from './catalog';
import { FirstRunWizard } from './FirstRunWizard';
import { SettingsPage } from './SettingsPage';
import type { SettingsDto } from './settingsApi';
import { settingsDto } from './testSettings';

type Call = [string, string, unknown?];

function server(dto: SettingsDto, answer?: (method: string, path: string, body: unknown) => unknown) {
  const calls: Call[] = [];
  const request = vi.fn((method: string, path: string, body?: unknown) => {
    calls.push([method, path, body]);
    if (answer) {
      const a = answer(method, path, body);
      if (a instanceof Error) return Promise.reject(a);
      if (a !== undefined) return Promise.resolve(a);
    }
    if (path === '/api/v1/logging') return Promise.resolve({ minLevel: 'DEBUG', categories: [] });
    return Promise.resolve(dto);
  });
  const api = testApi(mockRest({ request: request as never }));
  return { api, calls };
}

async function renderPage(dto = settingsDto(), section: Parameters<typeof SettingsPage>[0]['section'] = 'general',
  answer?: (method: string, path: string, body: unknown) => unknown) {
  const { api, calls } = server(dto, answer);
  const onSection = vi.fn();
  renderWithApp(<SettingsPage section={section} onSection={onSection} onShowWizard={vi.fn()} version="1.2.3" />, api);
  await screen.findByRole('heading', { level: 2 });
  return { api, calls, onSection };
}

const field = (name: string | RegExp) => screen.getByLabelText(name) as HTMLInputElement;

beforeEach(() => window.localStorage.removeItem(PREFS_KEY));

describe('settings catalog', () => {
  it('namesAndExplainsEverySettingAndSection', () => {
    const messages = en as Record<string, string>;
    for (const s of SETTINGS) {
      expect(messages[labelKey(s)], labelKey(s)).toBeTruthy();
      expect(messages[helpKey(s)], helpKey(s)).toBeTruthy();
    }
    for (const id of SECTIONS) expect(messages[`${sectionKey(id)}.intro`], id).toBeTruthy();
  });

  it('findsSettingsByLabelKeywordAndSection', () => {
    expect(searchSettings('turtle', t).map((s) => s.key)).toEqual(['altSpeed', 'altDownloadLimit', 'altUploadLimit']);
    expect(searchSettings('port', t).map((s) => s.key)).toEqual(expect.arrayContaining(['peerPort', 'httpPort', 'dhtPort']));
    // "host:port" in its help text finds the bootstrap nodes too.
    expect(searchSettings('  DHT   port ', t).map((s) => s.key)).toEqual(['dhtPort', 'dhtBootstrap']);
    expect(searchSettings('nothing-like-this', t)).toEqual([]);
  });

  it('checksValuesAsTheServerDoes', () => {
    const peerPort = SETTINGS.find((s) => s.key === 'peerPort')!;
    const rate = SETTINGS.find((s) => s.key === 'downloadLimit')!;
    expect(validate(peerPort, 6881)).toBeNull();
    expect(validate(peerPort, 0)?.key).toBe('settings.error.range');
    expect(validate(peerPort, 70_000)?.key).toBe('settings.error.range');
    expect(validate(peerPort, 1.5)?.key).toBe('settings.error.integer');
    expect(validate(peerPort, Number.NaN)?.key).toBe('settings.error.number');
    expect(validate(rate, -1)?.key).toBe('settings.error.rateRange');
    expect(validate(rate, 0)).toBeNull();
  });
});

describe('SettingsPage', () => {
  it('showsEachFieldWithItsDefaultAndNoSaveBarUntilSomethingChanges', async () => {
    await renderPage(settingsDto({ editable: { maxConcurrentChecks: 3 } }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'General' }).getAttribute('aria-current')).toBe('page');
    const checks = field('Torrents checked at once');
    expect(checks.value).toBe('3');
    expect(checks.getAttribute('aria-describedby')).toBeTruthy();
    const help = document.getElementById(checks.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(help.textContent).toContain('Default: 1.');
    expect(screen.queryByRole('region', { name: 'Unsaved changes' })).toBeNull();
  });

  it('refusesAnOutOfRangeValueOnItsFieldAndKeepsSaveOff', async () => {
    const { calls } = await renderPage();
    fireEvent.change(field('Torrents checked at once'), { target: { value: '100' } });
    expect(screen.getByText('Enter a number from 1 to 64.')).toBeDefined();
    expect(field('Torrents checked at once').getAttribute('aria-invalid')).toBe('true');
    const bar = screen.getByRole('region', { name: 'Unsaved changes' });
    expect(within(bar).getByText('1 unsaved change')).toBeDefined();
    expect((within(bar).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([]);
  });

  it('savesRuntimeSettingsInBytesPerSecondAndHidesTheBar', async () => {
    const { api, calls } = await renderPage(settingsDto(), 'speed');
    fireEvent.change(field('Download limit'), { target: { value: '512' } });
    fireEvent.click(field('Alternative limits in force'));
    const bar = screen.getByRole('region', { name: 'Unsaved changes' });
    expect(within(bar).getByText('2 unsaved changes')).toBeDefined();
    await act(async () => fireEvent.click(within(bar).getByRole('button', { name: 'Save' })));
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([['PUT', '/api/v1/settings', { downloadLimit: 524288, altSpeed: true }]]);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Unsaved changes' })).toBeNull());
    expect(api.toasts.getState().toasts.map((x) => x.message)).toContain('Settings saved');
  });

  it('showsTheServersRefusalOnTheFieldItNames', async () => {
    const refusal = new ApiRequestError(400, 'bad_setting', 'setting "defaultOutputFolder" must be inside the download folder',
      'defaultOutputFolder');
    await renderPage(settingsDto(), 'general', (m) => (m === 'PUT' ? refusal : undefined));
    fireEvent.change(field('Default save folder'), { target: { value: '../../etc' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    const input = field('Default save folder');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('setting "defaultOutputFolder" must be inside the download folder')).toBeDefined();
    expect(input.value).toBe('../../etc');
    fireEvent.change(input, { target: { value: 'tv' } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('sendsStartSettingsApartAndBadgesThemAsNeedingARestart', async () => {
    const saved = settingsDto({ start: { ...settingsDto().start, peerPort: { property: 'bitquark.peer.port',
      environmentVariable: 'BITQUARK_PEER_PORT', next: 6881, restartNeeded: true, lockedBy: null } } });
    const { calls } = await renderPage(settingsDto(), 'connection', (m, path) => (m === 'PUT' && path.endsWith('/start') ? saved : undefined));
    fireEvent.change(field('Peer port'), { target: { value: '6881' } });
    expect(screen.getByText('Restart needed')).toBeDefined();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([['PUT', '/api/v1/settings/start', { peerPort: 6881 }]]);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Unsaved changes' })).toBeNull());
    expect(field('Peer port').value).toBe('6881');
    expect(screen.getByText('Restart needed')).toBeDefined();
  });

  it('sendsAnEmptyOptionalStartSettingAsNullToGoBackToTheConfiguration', async () => {
    const { calls } = await renderPage(settingsDto({ readOnly: { watchDir: '/srv/watch' } }));
    expect(field('Watch folder').value).toBe('/srv/watch');
    fireEvent.change(field('Watch folder'), { target: { value: '' } });
    expect(field('Watch folder').getAttribute('aria-invalid')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([['PUT', '/api/v1/settings/start', { watchDir: null }]]);
  });

  it('keepsWhatIsTypedInListsAndRatesAndSendsItClean', async () => {
    const { calls } = await renderPage(settingsDto(), 'webui');
    const hosts = screen.getByLabelText('Extra host names') as HTMLTextAreaElement;
    fireEvent.change(hosts, { target: { value: 'a.example\n' } });
    expect(hosts.value).toBe('a.example\n'); // Enter starts the next line
    fireEvent.change(hosts, { target: { value: 'a.example\n *.home.arpa \n' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([
      ['PUT', '/api/v1/settings/start', { allowedHosts: ['a.example', '*.home.arpa'] }],
    ]);
  });

  it('keepsARateAsTypedAndSendsBytes', async () => {
    const { calls } = await renderPage(settingsDto(), 'speed');
    const rate = field('Upload limit');
    fireEvent.change(rate, { target: { value: '1.05' } });
    expect(rate.value).toBe('1.05');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([['PUT', '/api/v1/settings', { uploadLimit: 1075 }]]);
  });

  it('typesRatesInBitsPerSecondWhenThePreferencesSaySo', async () => {
    const stop = applyFormats();
    try {
      setPrefs({ rateUnits: 'bits' });
      const { calls } = await renderPage(settingsDto(), 'speed');
      const rate = field('Upload limit');
      expect(rate.closest('.setting__rate')?.textContent).toContain('Kibit/s');
      fireEvent.change(rate, { target: { value: '800' } });
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
      expect(calls.filter(([m]) => m === 'PUT')).toEqual([['PUT', '/api/v1/settings', { uploadLimit: 102400 }]]);
    } finally {
      setPrefs(PREF_DEFAULTS);
      stop();
    }
  });

  it('disablesASettingTheDeploymentLocksAndSaysWhy', async () => {
    await renderPage(settingsDto({ start: { ...settingsDto().start, lsd: { property: 'bitquark.lsd.enabled',
      environmentVariable: 'BITQUARK_LSD_ENABLED', next: null as never, restartNeeded: false,
      lockedBy: 'environment variable BITQUARK_LSD_ENABLED' } } }), 'bittorrent');
    expect(field('Local peer discovery').disabled).toBe(true);
    expect(screen.getByText(/Set by environment variable BITQUARK_LSD_ENABLED/)).toBeDefined();
    expect(field('Peer exchange').disabled).toBe(false);
  });

  it('searchesEverySectionAtOnce', async () => {
    await renderPage();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search all settings' }), { target: { value: 'turtle' } });
    expect(screen.getByRole('heading', { name: '3 settings found' })).toBeDefined();
    expect(screen.getByRole('group', { name: 'Speed' })).toBeDefined();
    expect(field('Alternative download limit')).toBeDefined();
    expect(screen.queryByLabelText('Torrents checked at once')).toBeNull();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search all settings' }), { target: { value: 'zzz' } });
    expect(screen.getByText('No setting matches “zzz”.')).toBeDefined();
  });

  it('keepsBrowserPreferencesInThisBrowser', async () => {
    const { calls } = await renderPage(settingsDto(), 'webui');
    fireEvent.change(field('Theme'), { target: { value: 'dark' } });
    fireEvent.click(field('Single-key shortcuts'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(getPrefs().theme).toBe('dark');
    expect(getPrefs().singleKeyShortcuts).toBe(false);
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([]);
  });

  it('saysWhenTheSettingsCannotBeLoaded', async () => {
    const api = testApi(mockRest({ request: vi.fn(() => Promise.reject(new Error('HTTP 503'))) as never }));
    renderWithApp(<SettingsPage section={null} onSection={vi.fn()} onShowWizard={vi.fn()} version={null} />, api);
    expect(await screen.findByText('The settings could not be loaded: HTTP 503')).toBeDefined();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeDefined();
  });
});

describe('FirstRunWizard', () => {
  it('walksFourStepsAndSavesWhatChangedThenMarksTheServerSetUp', async () => {
    const dto = settingsDto({ editable: { setupDone: false } });
    const { api, calls } = server(dto, (m, _path, body) =>
      m === 'PUT' && (body as { setupDone?: boolean }).setupDone ? settingsDto() : undefined);
    const onDone = vi.fn();
    renderWithApp(<FirstRunWizard dto={dto} onDone={onDone} />, api);
    const dialog = screen.getByRole('dialog', { name: 'Welcome to bitquark' });
    expect(within(dialog).getByText(/Step 1 of 4/)).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    fireEvent.change(within(dialog).getByLabelText('Peer port'), { target: { value: '0' } });
    expect((within(dialog).getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Peer port'), { target: { value: '51413' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    fireEvent.change(within(dialog).getByLabelText('Upload limit'), { target: { value: '100' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(within(dialog).getByText(/Step 4 of 4/)).toBeDefined();
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Finish' })));
    expect(calls.filter(([m]) => m === 'PUT')).toEqual([
      ['PUT', '/api/v1/settings', { uploadLimit: 102400 }],
      ['PUT', '/api/v1/settings/start', { peerPort: 51413 }],
      ['PUT', '/api/v1/settings', { setupDone: true }],
    ]);
    expect(onDone).toHaveBeenCalledWith(settingsDto());
  });

  it('skipsWithoutChangingAnythingButTheFlag', async () => {
    const dto = settingsDto({ editable: { setupDone: false } });
    const { api, calls } = server(dto);
    const onDone = vi.fn();
    renderWithApp(<FirstRunWizard dto={dto} onDone={onDone} />, api);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Skip' })));
    expect(calls).toEqual([['PUT', '/api/v1/settings', { setupDone: true }]]);
    expect(onDone).toHaveBeenCalled();
  });
});

describe('PasswordPanel', () => {
  it('checksTheNewPasswordThenShowsTheServersRefusalOnTheCurrentOne', async () => {
    const refusal = new ApiRequestError(403, 'wrong_password', 'the current password is wrong', 'current');
    const { calls } = await renderPage(settingsDto(), 'webui', (m, path) => {
      if (path === '/api/v1/auth/session') return { authenticated: true, method: 'cookie', passwordChangeable: true };
      return m === 'POST' ? refusal : undefined;
    });
    const form = await screen.findByRole('form', { name: 'Password' });
    fireEvent.change(within(form).getByLabelText('New password'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByText('Enter the current password.')).toBeDefined();
    expect(within(form).getByText('Use at least 8 characters.')).toBeDefined();
    expect(calls.filter(([m]) => m === 'POST')).toEqual([]);
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'old-one' } });
    fireEvent.change(within(form).getByLabelText('New password'), { target: { value: 'long-enough-1' } });
    fireEvent.change(within(form).getByLabelText('New password, again'), { target: { value: 'long-enough-1' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Change password' })));
    expect(calls.filter(([m]) => m === 'POST')).toEqual([
      ['POST', '/api/v1/auth/password', { current: 'old-one', password: 'long-enough-1' }],
    ]);
    expect(within(form).getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('the current password is wrong')).toBeDefined();
  });

  it('saysWhenTheConfigurationSetsThePassword', async () => {
    await renderPage(settingsDto(), 'webui', (_m, path) =>
      path === '/api/v1/auth/session' ? { authenticated: true, method: 'cookie', passwordChangeable: false } : undefined);
    expect(await screen.findByText(/set by the server’s configuration/)).toBeDefined();
    expect(screen.queryByRole('form', { name: 'Password' })).toBeNull();
  });
});
