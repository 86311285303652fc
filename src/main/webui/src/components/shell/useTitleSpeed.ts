import { useEffect } from 'react';
import { formatRate } from '../../format';
import { usePrefs } from '../../prefs/prefs';
import { useSession } from '../../store/live';

/**
 * With the "speeds in the tab title" preference, the title reads "↓ 3.1 MiB/s ↑ 200 KiB/s · bitquark"
 * (UI spec 1.9). A component of its own that renders nothing, so that the session changing every
 * second re-renders only it, not the shell.
 */
export function TitleSpeed({ productName }: { readonly productName: string }): null {
  useTitleSpeed(productName);
  return null;
}

function useTitleSpeed(productName: string): void {
  const { speedInTitle } = usePrefs();
  const session = useSession();
  const down = session?.downloadRate ?? 0;
  const up = session?.uploadRate ?? 0;
  useEffect(() => {
    document.title = speedInTitle ? `↓ ${formatRate(down)} ↑ ${formatRate(up)} · ${productName}` : productName;
  }, [speedInTitle, down, up, productName]);
}
