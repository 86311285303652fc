import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { applyFormats } from '../../../prefs/formats';
import { PREF_DEFAULTS, setPrefs } from '../../../prefs/prefs';
import { CategoryDialog } from './CategoryDialog';
import { LimitsDialog } from './LimitsDialog';
import { MoveDialog } from './MoveDialog';
import { RemoveDialog } from './RemoveDialog';

describe('RemoveDialog', () => {
  it('listsTheNamesAndNeverTicksDeleteFilesByDefault', () => {
    const onConfirm = vi.fn();
    render(<RemoveDialog open names={['Alpha', 'Beta']} deleteFilesInitially={false} onConfirm={onConfirm} onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Remove 2 torrents' });
    expect(dialog.textContent).toContain('Alpha');
    expect(dialog.textContent).toContain('Beta');
    const box = screen.getByRole('checkbox', { name: 'Also delete the downloaded files' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(onConfirm).toHaveBeenCalledWith(false);
  });

  it('opensTickedForShiftDeleteButStillAsks', () => {
    const onConfirm = vi.fn();
    render(<RemoveDialog open names={['Alpha']} deleteFilesInitially onConfirm={onConfirm} onClose={vi.fn()} />);
    expect((screen.getByRole('checkbox', { name: 'Also delete the downloaded files' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('note').textContent).toContain('cannot be undone');
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove and delete files' }));
    expect(onConfirm).toHaveBeenCalledWith(true);
  });

  it('closesWithCancel', () => {
    const onClose = vi.fn();
    render(<RemoveDialog open names={['Alpha']} deleteFilesInitially={false} onConfirm={vi.fn()} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });
});

describe('MoveDialog', () => {
  it('asksForAFolderAndSendsItTrimmed', () => {
    const onConfirm = vi.fn();
    render(<MoveDialog open count={3} onConfirm={onConfirm} onClose={vi.fn()} />);
    expect(screen.getByRole('dialog', { name: 'Move 3 torrents' })).toBeDefined();
    const move = screen.getByRole('button', { name: 'Move' }) as HTMLButtonElement;
    expect(move.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: ' tv/shows ' } });
    fireEvent.click(move);
    expect(onConfirm).toHaveBeenCalledWith('tv/shows');
  });
});

describe('LimitsDialog', () => {
  it('showsTheLimitsInKibPerSecondAndSendsBytes', () => {
    const onConfirm = vi.fn();
    render(<LimitsDialog open count={1} initial={{ downloadLimit: 2048 * 1024, uploadLimit: 0 }} onConfirm={onConfirm} onClose={vi.fn()} />);
    expect(screen.getByRole('dialog', { name: 'Speed limits' })).toBeDefined();
    const down = screen.getByLabelText('Download limit (KiB/s)') as HTMLInputElement;
    const up = screen.getByLabelText('Upload limit (KiB/s)') as HTMLInputElement;
    expect(down.value).toBe('2048');
    expect(up.value).toBe('0');
    expect(screen.getByText('0 means unlimited.')).toBeDefined();
    fireEvent.change(up, { target: { value: '100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onConfirm).toHaveBeenCalledWith({ downloadLimit: 2048 * 1024, uploadLimit: 100 * 1024 });
  });

  it('showsTheLimitsInTheUnitThePreferencesName', () => {
    const stop = applyFormats();
    try {
      setPrefs({ units: 'decimal', rateUnits: 'bits' });
      const onConfirm = vi.fn();
      render(<LimitsDialog open count={1} initial={{ downloadLimit: 125_000, uploadLimit: 0 }} onConfirm={onConfirm} onClose={vi.fn()} />);
      expect((screen.getByLabelText('Download limit (kbit/s)') as HTMLInputElement).value).toBe('1000');
      fireEvent.change(screen.getByLabelText('Upload limit (kbit/s)'), { target: { value: '800' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
      expect(onConfirm).toHaveBeenCalledWith({ downloadLimit: 125_000, uploadLimit: 100_000 });
      act(() => setPrefs({ rateUnits: 'bytes' }));
      expect((screen.getByLabelText('Download limit (kB/s)') as HTMLInputElement).value).toBe('125');
    } finally {
      setPrefs(PREF_DEFAULTS);
      stop();
    }
  });

  it('refusesANegativeOrFractionalLimit', () => {
    render(<LimitsDialog open count={2} initial={{ downloadLimit: 0, uploadLimit: 0 }} onConfirm={vi.fn()} onClose={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Download limit (KiB/s)'), { target: { value: '-5' } });
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('CategoryDialog', () => {
  it('keepsANewNameBeingTypedWhileTheListBehindItUpdates', () => {
    const onConfirm = vi.fn();
    const props = { open: true, count: 2, initial: null, create: true, onConfirm, onClose: vi.fn() };
    const { rerender } = render(<CategoryDialog {...props} categories={['tv']} />);
    fireEvent.change(screen.getByLabelText('Name of the new category'), { target: { value: 'music' } });
    // A live update renders the list again, with a new (equal) array of categories.
    rerender(<CategoryDialog {...props} categories={['tv']} />);
    expect((screen.getByLabelText('Name of the new category') as HTMLInputElement).value).toBe('music');
    fireEvent.click(screen.getByRole('button', { name: 'Set' }));
    expect(onConfirm).toHaveBeenCalledWith('music');
  });

  it('startsOnTheCategoryAllShareAndRefusesAnEmptyNewName', () => {
    const onConfirm = vi.fn();
    render(<CategoryDialog open count={1} categories={['movies', 'tv']} initial="tv" create={false} onConfirm={onConfirm} onClose={vi.fn()} />);
    const select = screen.getByLabelText('Category') as HTMLSelectElement;
    expect(select.value).toBe('tv');
    fireEvent.change(select, { target: { value: select.options[select.options.length - 1]!.value } }); // New category…
    expect((screen.getByRole('button', { name: 'Set' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(select, { target: { value: '' } }); // None
    fireEvent.click(screen.getByRole('button', { name: 'Set' }));
    expect(onConfirm).toHaveBeenCalledWith(null);
  });
});
