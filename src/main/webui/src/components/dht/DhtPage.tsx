import { t } from '../../i18n';
import { DhtDetails } from './DhtDetails';
import { DhtOff } from './DhtOff';
import { Facts } from './Facts';
import { Section } from './Section';
import { useDhtStats } from './useDhtStats';
import './dht.css';

const onOff = (on: boolean) => (on ? t('dht.on') : t('dht.offShort'));

/**
 * The DHT node (GET /api/v1/dht/stats every 2 s while shown), or why there is none, plus whether
 * PEX and LSD are on. No landmark of its own: it is meant to be mounted inside the shell's `<main>`.
 */
export function DhtPage() {
  const { stats, error, samples } = useDhtStats();
  return (
    <div className="dht-page">
      <h1 className="dht-page__title">{t('dht.title')}</h1>
      {error !== null && (
        <p className="dht-page__error" role="alert">
          {stats === null ? t('dht.loadFailed', { message: error }) : t('dht.refreshFailed', { message: error })}
        </p>
      )}
      {stats === null ? (
        error === null && <p role="status">{t('dht.loading')}</p>
      ) : (
        <div className="dht-grid">
          {stats.enabled ? <DhtDetails stats={stats} samples={samples} /> : <DhtOff message={stats.message} />}
          <Section title={t('dht.discovery')}>
            <Facts
              facts={[
                { label: t('dht.pex'), value: onOff(stats.pex) },
                { label: t('dht.lsd'), value: onOff(stats.lsd) },
              ]}
            />
          </Section>
        </div>
      )}
    </div>
  );
}
