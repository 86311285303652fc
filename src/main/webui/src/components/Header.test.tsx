import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Header } from './Header';

describe('Header', () => {
  it('showsProductNameAndVersion', () => {
    render(<Header name="bitquark" version="0.1.0" connection="connected" />);

    expect(screen.getByRole('banner')).toHaveProperty('textContent', expect.stringContaining('bitquark'));
    expect(screen.getByTestId('version').textContent).toBe('v0.1.0');
  });

  it('marksTheVersionBusyWhileUnknown', () => {
    render(<Header name="bitquark" version={null} connection="connecting" />);

    const version = screen.getByTestId('version');
    expect(version.textContent).toBe('…');
    expect(version.getAttribute('aria-busy')).toBe('true');
  });

  it('showsTheConnectionStateAsItChanges', () => {
    const { rerender } = render(<Header name="bitquark" version="0.1.0" connection="connecting" />);
    const status = screen.getByTestId('connection-status');
    expect(status.textContent).toBe('connecting…');

    rerender(<Header name="bitquark" version="0.1.0" connection="connected" />);
    expect(screen.getByTestId('connection-status').textContent).toBe('connected');

    rerender(<Header name="bitquark" version="0.1.0" connection="disconnected" />);
    expect(screen.getByTestId('connection-status').textContent).toBe('disconnected');
    expect(screen.getByTestId('connection-status').className).toContain('connection--disconnected');
  });

  it('announcesTheConnectionStateAsAPoliteLiveRegion', () => {
    render(<Header name="bitquark" version="0.1.0" connection="connected" />);

    const status = screen.getByRole('status');
    expect(status).toBe(screen.getByTestId('connection-status'));
    expect(status.getAttribute('aria-live')).toBe('polite');
  });
});
