import { useId, useMemo, useState, type FormEvent } from 'react';
import { useApp } from '../../context';
import { formatBytes, formatPercent, formatRate } from '../../format';
import type { MessageKey } from '../../i18n';
import { errorText } from '../add/addApi';
import { addPeers, getPeers, type PeerDto } from './detailsApi';
import { dt } from './strings';
import { useTopic } from './useTopic';

/** Where the peer was learned, as the UI names it (the API's lower-case source). */
const SOURCE_LABEL: Record<PeerDto['source'], MessageKey> = {
  tracker: 'detailsPane.peers.source.tracker',
  dht: 'detailsPane.peers.source.dht',
  pex: 'detailsPane.peers.source.pex',
  lsd: 'detailsPane.peers.source.lsd',
  incoming: 'detailsPane.peers.source.incoming',
  user: 'detailsPane.peers.source.user',
  saved: 'detailsPane.peers.source.saved',
};

/** qBittorrent/libtorrent flag letters for what a connection is doing and where the peer came from. */
export function peerFlags(p: PeerDto): string {
  let out = '';
  if (p.amInterested) out += p.peerChoking ? 'd' : 'D';
  if (p.peerInterested) out += p.amChoking ? 'u' : 'U';
  if (p.snubbed) out += 'S';
  if (!p.outgoing) out += 'I';
  if (p.source === 'dht') out += 'H';
  if (p.source === 'pex') out += 'X';
  if (p.source === 'lsd') out += 'L';
  return out;
}

type Column =
  | 'address' | 'client' | 'flags' | 'source' | 'progress' | 'downloadRate' | 'uploadRate' | 'downloadedTotal'
  | 'uploadedTotal';
const COLUMNS: readonly { key: Column; label: MessageKey; numeric: boolean }[] = [
  { key: 'address', label: 'detailsPane.peers.address', numeric: false },
  { key: 'client', label: 'detailsPane.peers.client', numeric: false },
  { key: 'flags', label: 'detailsPane.peers.flags', numeric: false },
  { key: 'source', label: 'detailsPane.peers.source', numeric: false },
  { key: 'progress', label: 'detailsPane.peers.progress', numeric: true },
  { key: 'downloadRate', label: 'detailsPane.peers.down', numeric: true },
  { key: 'uploadRate', label: 'detailsPane.peers.up', numeric: true },
  { key: 'downloadedTotal', label: 'detailsPane.peers.downloaded', numeric: true },
  { key: 'uploadedTotal', label: 'detailsPane.peers.uploaded', numeric: true },
];

const valueOf = (p: PeerDto, key: Column): string | number =>
  key === 'flags' ? peerFlags(p) : key === 'client' ? (p.client ?? '') : key === 'source' ? dt(SOURCE_LABEL[p.source])
    : p[key];

const fromFrame = (frame: { peers: PeerDto[] }) => frame.peers;

/** The Peers tab: live connections (peers frames), sortable by any column, and "add peer". */
export function PeersTab({ torrentId }: { torrentId: string }) {
  const { toast } = useApp();
  const { data, error } = useTopic(torrentId, 'peers', getPeers, fromFrame);
  const [sort, setSort] = useState<{ key: Column; desc: boolean }>({ key: 'downloadRate', desc: true });
  const [address, setAddress] = useState('');
  const fieldId = useId();
  const legendId = useId();
  const rows = useMemo(() => {
    const sorted = [...(data ?? [])].sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -order : order;
    });
    return sorted;
  }, [data, sort]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const peers = address.split(/[\s,]+/).filter((a) => a !== '');
    if (peers.length === 0) return;
    addPeers(torrentId, peers).then(
      () => {
        setAddress('');
        toast(dt('detailsPane.peers.added'));
      },
      (failure: unknown) => toast(errorText(failure), 'error'),
    );
  };

  return (
    <div className="details-peers">
      <p id={legendId} className="details-legend" title={dt('detailsPane.peers.legend')}>
        <strong>{dt('detailsPane.peers.legendTitle')}:</strong> {dt('detailsPane.peers.legend')}
      </p>
      {data === null ? (
        <p role={error === null ? 'status' : 'alert'}>{error ?? dt('detailsPane.loading')}</p>
      ) : (
        <div className="details-table-wrap">
          <table className="details-table" aria-label={dt('detailsPane.peers.table')} aria-describedby={legendId}>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                    className={c.numeric ? 'num' : undefined}
                  >
                    <button
                      type="button"
                      className="details-sort"
                      onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.numeric }))}
                    >
                      {dt(c.label)}
                      <span aria-hidden="true">{sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={COLUMNS.length}>{dt('detailsPane.peers.none')}</td>
                </tr>
              )}
              {rows.map((p) => (
                <tr key={p.address}>
                  <td dir="ltr">{p.address}</td>
                  <td dir="auto">{p.client ?? ''}</td>
                  <td title={dt('detailsPane.peers.legend')}>{peerFlags(p)}</td>
                  <td>{dt(SOURCE_LABEL[p.source])}</td>
                  <td className="num">{formatPercent(p.progress)}</td>
                  <td className="num">{formatRate(p.downloadRate)}</td>
                  <td className="num">{formatRate(p.uploadRate)}</td>
                  <td className="num">{formatBytes(p.downloadedTotal)}</td>
                  <td className="num">{formatBytes(p.uploadedTotal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="details-inline-form" onSubmit={submit}>
        <label htmlFor={fieldId}>{dt('detailsPane.peers.add')}</label>
        <input
          id={fieldId}
          className="input"
          type="text"
          spellCheck={false}
          placeholder="192.0.2.7:51413"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <button type="submit" className="button" disabled={address.trim() === ''}>
          {dt('detailsPane.peers.addButton')}
        </button>
      </form>
    </div>
  );
}
