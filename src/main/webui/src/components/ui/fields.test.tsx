import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CheckedField } from './CheckedField';
import { DialogButtons } from './DialogButtons';
import { HintedField } from './HintedField';

/** The texts an input's aria-describedby points at, in order. */
const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');

describe('HintedField', () => {
  it('isDescribedByItsHintAndReportsWhatIsTyped', () => {
    const onChange = vi.fn();
    render(<HintedField label="Folder" value="" onChange={onChange} hint="Under the default folder" />);
    const input = screen.getByRole('textbox', { name: 'Folder' });
    expect(description(input)).toBe('Under the default folder');
    fireEvent.change(input, { target: { value: 'tv' } });
    expect(onChange).toHaveBeenCalledWith('tv');
  });
});

describe('CheckedField', () => {
  it('describesATypingMistakeWithoutAnAlert', () => {
    render(<CheckedField label="Name" value="" onChange={vi.fn()} problem="Type a name" refused={false} hint="Shown in the list" />);
    const input = screen.getByRole('textbox', { name: 'Name' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toBe('Type a name Shown in the list');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('announcesTheServersRefusal', () => {
    const { rerender } = render(<CheckedField label="Name" value="a" onChange={vi.fn()} problem={null} refused={false} hint="Hint" />);
    expect(screen.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('false');
    rerender(<CheckedField label="Name" value="a" onChange={vi.fn()} problem="Taken" refused hint="Hint" />);
    expect(screen.getByRole('alert').textContent).toBe('Taken');
  });
});

describe('DialogButtons', () => {
  it('cancelsAndSubmitsUnlessDisabled', () => {
    const onCancel = vi.fn();
    render(<form><DialogButtons confirm="Move" disabled onCancel={onCancel} /></form>);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    const submit = screen.getByRole('button', { name: 'Move' }) as HTMLButtonElement;
    expect(submit.type).toBe('submit');
    expect(submit.disabled).toBe(true);
  });
});
