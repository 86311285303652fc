import axe from 'axe-core';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocketFactory, type FakeWebSocket } from '../../test/FakeWebSocket';
import { fakeViewport, mockRest, renderWithApp, testApi } from '../../test/fixtures';
import { LogsPage } from './LogsPage';
import { logFrame } from './testLines';

const XSS = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const RTL = 'file\u202Egpj.exe';

let factory: ReturnType<typeof fakeWebSocketFactory>;
let restoreViewport: () => void;

/** After userEvent.setup(), which puts its own clipboard in place. */
function stubClipboard() {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
  return writeText;
}

beforeEach(() => {
  factory = fakeWebSocketFactory();
  // LogStream reads the global WebSocket when the page makes it.
  vi.stubGlobal('WebSocket', factory.webSocket);
  restoreViewport = fakeViewport();
});
afterEach(() => {
  vi.unstubAllGlobals();
  restoreViewport();
});

function setup() {
  const request = vi.fn(() => Promise.resolve({ minLevel: 'DEBUG', categories: [{ category: '', level: 'INFO', effectiveLevel: 'INFO' }] }));
  const api = testApi(mockRest({ request: request as never }));
  // The shell mounts pages inside its <main>.
  renderWithApp(
    <main>
      <LogsPage />
    </main>,
    api,
  );
  const socket = factory.latest();
  act(() => socket.open());
  return { api, socket };
}

const send = (socket: FakeWebSocket, ...frames: string[]) => act(() => frames.forEach((f) => socket.receive(f)));
const log = () => screen.getByRole('log', { name: 'Log lines' });

async function seriousViolations(): Promise<string[]> {
  // jsdom computes no colours or layout: contrast is checked in the browser instead.
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('LogsPage', () => {
  it('opensTheTailOnTheSameOriginAndShowsTheConnection', async () => {
    const { socket } = setup();
    expect(socket.url).toBe(`ws://${window.location.host}/api/v1/logs?tail=1000`);
    expect(screen.getByRole('heading', { level: 1, name: 'Logs' })).toBeTruthy();
    expect(screen.getByText('Connected')).toBeTruthy();
    send(socket, logFrame({ message: 'engine started' }));
    expect(await within(log()).findByText('engine started')).toBeTruthy();
  });

  it('rendersHostileLinesAsTextOnly', async () => {
    const { socket } = setup();
    send(socket, logFrame({ message: XSS, category: SCRIPT }), logFrame({ message: RTL, thread: XSS }));
    const cell = await within(log()).findByText(XSS);
    expect(within(log()).getByText(RTL).tagName).toBe('BDI');
    expect(document.body.querySelector('img')).toBeNull();
    expect(document.body.querySelector('script')).toBeNull();
    expect(log().innerHTML).not.toContain('<img');
    // The row's title carries the whole line, category included, as text.
    expect(cell.closest('.logs-row')?.getAttribute('title')).toContain(`[${SCRIPT}] (main) ${XSS}`);
  });

  it('filtersByLevelAndTextAndReportsABadRegexInline', async () => {
    const { socket } = setup();
    send(socket, logFrame({ level: 'ERROR', message: 'disk full' }), logFrame({ level: 'DEBUG', message: 'peer choked' }));
    await within(log()).findByText('peer choked');
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Minimum level'), 'WARN');
    expect(within(log()).queryByText('peer choked')).toBeNull();
    expect(screen.getByText('1 of 2 lines shown')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Minimum level'), 'TRACE');
    await user.type(screen.getByLabelText('Filter'), 'PEER');
    expect(within(log()).queryByText('disk full')).toBeNull();
    expect(within(log()).getByText('peer choked')).toBeTruthy();

    await user.click(screen.getByLabelText('Regex'));
    await user.clear(screen.getByLabelText('Filter'));
    await user.type(screen.getByLabelText('Filter'), 'disk (');
    expect(screen.getByRole('alert').textContent).toMatch(/^Not a valid regular expression: /);
    expect(screen.getByLabelText('Filter').getAttribute('aria-invalid')).toBe('true');
    // An invalid expression hides nothing.
    expect(within(log()).getByText('disk full')).toBeTruthy();

    await user.type(screen.getByLabelText('Filter'), 'full)');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(log()).getByText('disk full')).toBeTruthy();
    expect(within(log()).queryByText('peer choked')).toBeNull();
  });

  it('pausesTheViewAndCountsLinesThatArriveMeanwhile', async () => {
    const { socket } = setup();
    send(socket, logFrame({ message: 'before' }));
    await within(log()).findByText('before');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Pause' }));

    send(socket, logFrame({ message: 'during 1' }), logFrame({ message: 'during 2' }));
    expect(await screen.findByText('Paused, 2 new lines since')).toBeTruthy();
    expect(within(log()).queryByText('during 1')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(within(log()).getByText('during 2')).toBeTruthy();
    expect(screen.queryByText(/new lines? since/)).toBeNull();
  });

  it('copiesTheShownLinesAsText', async () => {
    const { api, socket } = setup();
    send(socket, logFrame({ level: 'WARN', message: 'slow disk' }), logFrame({ level: 'DEBUG', message: 'noise' }));
    await within(log()).findByText('noise');
    const user = userEvent.setup();
    const writeText = stubClipboard();
    await user.selectOptions(screen.getByLabelText('Minimum level'), 'INFO');
    await user.click(screen.getByRole('button', { name: 'Copy' }));

    expect(writeText).toHaveBeenCalledTimes(1);
    const text = writeText.mock.calls[0]![0];
    expect(text).toMatch(/^\S+Z WARN  \[dev\.bitquark\.engine\.Engine\] \(main\) slow disk$/);
    expect(api.toasts.getState().toasts.at(-1)).toMatchObject({ kind: 'success', message: 'Copied 1 line' });

    writeText.mockImplementation(() => Promise.reject(new Error('denied')));
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(api.toasts.getState().toasts.at(-1)).toMatchObject({ kind: 'error', message: 'Could not copy to the clipboard' });
  });

  it('showsTheCloseCodeAndReasonAndReconnects', async () => {
    const { socket } = setup();
    act(() => socket.onclose?.(new CloseEvent('close', { code: 1013, reason: 'too many log tail clients' })));
    expect(screen.getByText('Closed (1013: too many log tail clients). Reconnecting in 1 s…')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reconnect now' }));
    expect(factory.sockets).toHaveLength(2);
    act(() => factory.latest().open());
    expect(screen.getByText('Connected')).toBeTruthy();
  });

  it('offersJumpToLatestOnlyAfterScrollingUp', async () => {
    const { socket } = setup();
    send(socket, ...Array.from({ length: 100 }, (_, i) => logFrame({ message: `row ${i}` })));
    await within(log()).findByText('row 10');
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();

    const scroller = log();
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2200 });
    act(() => {
      scroller.scrollTop = 1400;
      scroller.dispatchEvent(new Event('scroll'));
    });
    act(() => {
      scroller.scrollTop = 200;
      scroller.dispatchEvent(new Event('scroll'));
    });
    const jump = screen.getByRole('button', { name: 'Jump to latest' });
    await userEvent.setup().click(jump);
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    expect(scroller.scrollTop).toBe(2200);
  });

  it('hasNoSeriousAccessibilityViolations', async () => {
    const { socket } = setup();
    send(socket, logFrame({ level: 'ERROR', message: 'disk full' }));
    await within(log()).findByText('disk full');
    await screen.findByRole('combobox', { name: 'Level of (root)' });
    expect(await seriousViolations()).toEqual([]);
  });
});
