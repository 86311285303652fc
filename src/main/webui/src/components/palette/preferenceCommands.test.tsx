import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getPrefs, setPrefs } from '../../prefs/prefs';
import { usePreferenceCommands } from './preferenceCommands';

describe('usePreferenceCommands', () => {
  it('offersTheOtherThemesTheSingleKeySwitchAndTheSheet', () => {
    const onShortcuts = vi.fn();
    const { result } = renderHook(() => usePreferenceCommands(onShortcuts));
    const byId = (id: string) => result.current.find((c) => c.id === id)!;
    expect(result.current.map((c) => c.title)).toEqual([
      'Theme: System',
      'Theme: Light',
      'Theme: Dark',
      'Turn single-key shortcuts off',
      'Show keyboard shortcuts',
    ]);
    expect(result.current.every((c) => c.group === 'Preferences')).toBe(true);
    expect(byId('prefs.theme.system').disabled).toBe(true); // the current one
    act(() => byId('prefs.theme.dark').run());
    expect(getPrefs().theme).toBe('dark');
    expect(byId('prefs.theme.dark').disabled).toBe(true);
    expect(byId('prefs.shortcuts').shortcut).toBe('?');
    act(() => byId('prefs.singleKeyShortcuts').run());
    expect(getPrefs().singleKeyShortcuts).toBe(false);
    expect(byId('prefs.singleKeyShortcuts').title).toBe('Turn single-key shortcuts on');
    expect(byId('prefs.shortcuts').shortcut).toBeUndefined(); // ? does nothing now
    byId('prefs.shortcuts').run();
    expect(onShortcuts).toHaveBeenCalledOnce();
  });

  it('leavesTheSheetOutWithoutACallback', () => {
    const { result } = renderHook(() => usePreferenceCommands());
    expect(result.current.some((c) => c.id === 'prefs.shortcuts')).toBe(false);
    act(() => setPrefs({ theme: 'light' }));
    expect(result.current.find((c) => c.disabled === true)?.id).toBe('prefs.theme.light');
  });
});
