import { Snail } from 'lucide-react';
import { useState } from 'react';
import { useApp } from '../../context';
import { formatLimit } from '../../format';
import { t } from '../../i18n';
import type { ServerSettings } from '../../hooks/useServerSettings';

/**
 * Alternative speed limits on/off (qBittorrent's and Transmission's turtle). A toggle button whose
 * pressed state is the server's; the limits it switches to are in its title and in Settings › Speed.
 */
export function TurtleToggle({ settings }: { readonly settings: ServerSettings }) {
  const { toast } = useApp();
  const [busy, setBusy] = useState(false);
  const dto = settings.dto;
  if (dto === null) return null;
  const on = dto.editable.altSpeed;
  const limits = t('turtle.limits', { down: formatLimit(dto.editable.altDownloadLimit), up: formatLimit(dto.editable.altUploadLimit) });
  const flip = () => {
    setBusy(true);
    settings
      .put({ altSpeed: !on })
      .then(
        () => toast(on ? t('turtle.off') : t('turtle.on', { limits }), 'success'),
        (e: unknown) => toast(t('turtle.failed'), 'error', [e instanceof Error ? e.message : String(e)]),
      )
      .finally(() => setBusy(false));
  };
  return (
    <button type="button" className={`icon-button turtle${on ? ' turtle--on' : ''}`} aria-pressed={on} disabled={busy}
      aria-label={t('turtle.label')} title={`${t('turtle.label')}: ${limits}`} onClick={flip}>
      <Snail size={18} aria-hidden="true" />
    </button>
  );
}
