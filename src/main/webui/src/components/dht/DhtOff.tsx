import { t } from '../../i18n';
import { Section } from './Section';

/**
 * Said plainly when no DHT node runs: why (the server's `message`: switched off, or what failed at
 * start-up) and how to turn it on. The keys below are configuration names, not text to translate.
 */
export function DhtOff({ message }: { message: string | null | undefined }) {
  return (
    <Section title={t('dht.off.title')} className="dht-off">
      <p>
        <strong>{t('dht.off.why')}</strong> <bdi>{message == null || message === '' ? t('dht.off.noReason') : message}</bdi>
      </p>
      <p>{t('dht.off.how')}</p>
      <ul className="dht-off__how">
        <li>
          {t('dht.off.viaConfig')} <code>bitquark.dht.enabled=true</code>
        </li>
        <li>
          {t('dht.off.viaEnv')} <code>BITQUARK_DHT_ENABLED=true</code>
        </li>
        <li>
          {t('dht.off.viaCli')} <code>--no-dht</code>
        </li>
      </ul>
      <p className="field__hint">{t('dht.off.restart')}</p>
    </Section>
  );
}
