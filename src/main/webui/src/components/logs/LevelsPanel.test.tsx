import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../api/rest';
import { mockRest, renderWithApp, testApi } from '../../test/fixtures';
import { LevelsPanel } from './LevelsPanel';
import type { CategoryLevel } from './loggingApi';

const LEVELS = {
  minLevel: 'DEBUG',
  categories: [
    { category: '', level: 'INFO', effectiveLevel: 'INFO' },
    { category: 'dev.bitquark.engine', level: null, effectiveLevel: 'INFO' },
    { category: 'io.netty', level: 'WARN', effectiveLevel: 'WARN' },
  ],
};

/** A Rest whose request() answers GET with LEVELS and PUT with `put(body)`. */
function setup(put: (body: { category: string; level: string }) => Promise<CategoryLevel>) {
  const request = vi.fn((method: string, _path: string, body?: unknown) =>
    method === 'GET' ? Promise.resolve(LEVELS) : put(body as { category: string; level: string }),
  );
  const api = testApi(mockRest({ request: request as never }));
  renderWithApp(<LevelsPanel />, api);
  return { api, request };
}

const refused = (message: string) => Promise.reject(new ApiRequestError(400, 'bad_request', message));

describe('LevelsPanel', () => {
  it('listsTheCategoriesWithTheirOwnAndEffectiveLevel', async () => {
    setup(() => new Promise(() => {}));
    const root = await screen.findByRole('combobox', { name: 'Level of (root)' });
    expect((root as HTMLSelectElement).value).toBe('INFO');
    // The root cannot inherit: no empty option for it.
    expect(within(root).queryByRole('option', { name: 'Inherit' })).toBeNull();
    const engine = screen.getByRole('combobox', { name: 'Level of dev.bitquark.engine' }) as HTMLSelectElement;
    expect(engine.value).toBe('');
    expect(engine.selectedOptions[0]?.textContent).toBe('Inherit');
    expect(screen.getByRole('row', { name: /io\.netty/ }).textContent).toContain('WARN');
    expect(screen.getByText(/Nothing below DEBUG is printed/)).toBeTruthy();
  });

  it('putsTheNewLevelAndConfirmsWithAToast', async () => {
    const { api, request } = setup((body) => Promise.resolve({ category: body.category, level: body.level, effectiveLevel: body.level }));
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Level of dev.bitquark.engine' }), 'DEBUG');

    expect(request).toHaveBeenCalledWith('PUT', '/api/v1/logging', { category: 'dev.bitquark.engine', level: 'DEBUG' });
    expect(await screen.findByRole('row', { name: /dev\.bitquark\.engine DEBUG/ })).toBeTruthy();
    expect(api.toasts.getState().toasts.at(-1)).toMatchObject({ kind: 'success', message: 'Log level of dev.bitquark.engine set to DEBUG' });
  });

  it('sendsAnEmptyLevelToInherit', async () => {
    const { request } = setup(() => Promise.resolve({ category: 'io.netty', level: null, effectiveLevel: 'INFO' }));
    await userEvent.setup().selectOptions(await screen.findByRole('combobox', { name: 'Level of io.netty' }), 'Inherit');
    expect(request).toHaveBeenCalledWith('PUT', '/api/v1/logging', { category: 'io.netty', level: '' });
    expect(await screen.findByRole('row', { name: /io\.netty Inherit.* INFO/ })).toBeTruthy();
  });

  it('showsTheServersErrorBesideTheFieldAndKeepsTheOldLevel', async () => {
    const { api } = setup(() => refused('the root category needs a level'));
    const root = await screen.findByRole('combobox', { name: 'Level of (root)' });
    await userEvent.setup().selectOptions(root, 'TRACE');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('the root category needs a level');
    expect(root.closest('td')?.contains(alert)).toBe(true);
    expect(root.getAttribute('aria-invalid')).toBe('true');
    expect(root.getAttribute('aria-describedby')).toBe(alert.id);
    expect((root as HTMLSelectElement).value).toBe('INFO');
    expect(api.toasts.getState().toasts).toHaveLength(0);
  });

  it('addsACategoryByNameOrShowsWhyNot', async () => {
    let answer: () => Promise<CategoryLevel> = () => refused("category contains '/' at position 3; only letters, digits and . _ $ - are allowed");
    const { request } = setup(() => answer());
    const user = userEvent.setup();
    await screen.findByRole('combobox', { name: 'Level of (root)' });
    const name = screen.getByLabelText('Category name');
    await user.type(name, 'org/x');
    await user.click(screen.getByRole('button', { name: 'Set level' }));
    expect(request).toHaveBeenLastCalledWith('PUT', '/api/v1/logging', { category: 'org/x', level: 'DEBUG' });
    expect((await screen.findByRole('alert')).textContent).toContain("category contains '/'");
    expect(name.getAttribute('aria-invalid')).toBe('true');

    answer = () => Promise.resolve({ category: 'org.x', level: 'TRACE', effectiveLevel: 'TRACE' });
    await user.clear(name);
    await user.type(name, 'org.x');
    await user.selectOptions(screen.getByLabelText('Level'), 'TRACE');
    await user.click(screen.getByRole('button', { name: 'Set level' }));
    expect(await screen.findByRole('combobox', { name: 'Level of org.x' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((name as HTMLInputElement).value).toBe('');
    // Sorted in like the server's list.
    expect(screen.getAllByRole('row').map((r) => r.querySelector('th')?.textContent)).toEqual([
      'Category', '(root)', 'dev.bitquark.engine', 'io.netty', 'org.x',
    ]);
  });

  it('saysWhenTheLevelsCannotBeLoaded', async () => {
    const request = vi.fn(() => Promise.reject(new ApiRequestError(500, 'http_500', 'HTTP 500')));
    renderWithApp(<LevelsPanel />, testApi(mockRest({ request: request as never })));
    expect((await screen.findByRole('alert')).textContent).toBe('HTTP 500');
  });
});
