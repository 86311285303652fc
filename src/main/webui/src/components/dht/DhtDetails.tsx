import { lazy, Suspense } from 'react';
import { t, type MessageKey } from '../../i18n';
import type { DhtStats } from './dhtApi';
import { Facts } from './Facts';
import { formatCount, formatPerSecond } from './numbers';
import type { QuerySamples } from './samples';
import { Section } from './Section';

const DhtChart = lazy(() => import('./DhtChart'));

const STATE_LABEL: Readonly<Record<string, MessageKey>> = {
  off: 'dht.state.off',
  bootstrapping: 'dht.state.bootstrapping',
  ready: 'dht.state.ready',
  'no-nodes': 'dht.state.noNodes',
};

/** The bootstrap state in words; a state this UI does not know is shown as the server named it. */
export function stateText(state: string): string {
  const key = STATE_LABEL[state];
  return key === undefined ? state : t(key);
}

/** A running node: routing table, traffic with its graph, storage, drops and unresolved routers. */
export function DhtDetails({ stats, samples }: { stats: DhtStats; samples: QuerySamples }) {
  const dropped = Object.entries(stats.droppedByReason).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <>
      <Section title={t('dht.node')}>
        <Facts
          facts={[
            { label: t('dht.state'), value: <span className={`dht-state dht-state--${stats.state === 'ready' ? 'ok' : 'wait'}`}>{stateText(stats.state)}</span> },
            // A port is an identifier: no digit grouping.
            { label: t('dht.port'), value: String(stats.port) },
            { label: t('dht.torrents'), value: formatCount(stats.torrents) },
            { label: t('dht.lookups'), value: formatCount(stats.lookups) },
          ]}
        />
      </Section>
      <Section title={t('dht.routing')}>
        <Facts
          facts={[
            { label: t('dht.nodesGood'), value: formatCount(stats.nodes) },
            { label: t('dht.nodesQuestionable'), value: formatCount(stats.questionableNodes) },
            { label: t('dht.nodesBad'), value: formatCount(stats.badNodes) },
            { label: t('dht.nodesReplacement'), value: formatCount(stats.replacementNodes) },
            { label: t('dht.buckets'), value: formatCount(stats.buckets) },
          ]}
        />
      </Section>
      <Section title={t('dht.traffic')} className="dht-section--wide">
        <Facts
          facts={[
            { label: t('dht.queriesIn'), value: formatPerSecond(stats.queriesInPerSecond) },
            { label: t('dht.queriesOut'), value: formatPerSecond(stats.queriesOutPerSecond) },
          ]}
        />
        {samples.times.length < 2 ? (
          <p className="field__hint">{t('dht.chartEmpty')}</p>
        ) : (
          <Suspense fallback={<p role="status">{t('dht.chartLoading')}</p>}>
            <DhtChart samples={samples} />
          </Suspense>
        )}
        <Facts
          facts={[
            { label: t('dht.packetsIn'), value: formatCount(stats.packetsIn) },
            { label: t('dht.packetsOut'), value: formatCount(stats.packetsOut) },
            { label: t('dht.malformed'), value: formatCount(stats.malformed) },
            { label: t('dht.rateLimitedIn'), value: formatCount(stats.rateLimitedIn) },
            { label: t('dht.rateLimitedOut'), value: formatCount(stats.rateLimitedOut) },
          ]}
        />
      </Section>
      <Section title={t('dht.storage')}>
        <Facts
          facts={[
            { label: t('dht.storedInfoHashes'), value: formatCount(stats.storedInfoHashes) },
            { label: t('dht.storedPeers'), value: formatCount(stats.storedPeers) },
          ]}
        />
      </Section>
      <Section title={t('dht.dropped')}>
        {dropped.length === 0 ? (
          <p>{t('dht.droppedNone')}</p>
        ) : (
          <table className="dht-table">
            <caption className="sr-only">{t('dht.dropped')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dht.reason')}</th>
                <th scope="col" className="num">
                  {t('dht.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dropped.map(([reason, count]) => (
                <tr key={reason}>
                  <th scope="row" className="dht-table__reason">
                    {reason}
                  </th>
                  <td className="num">{formatCount(count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={t('dht.routers')}>
        {stats.unresolvedRouters.length === 0 ? (
          <p>{t('dht.routersNone')}</p>
        ) : (
          <ul className="dht-routers">
            {stats.unresolvedRouters.map((router) => (
              <li key={router} className="mono" dir="ltr">
                {router}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
