import type { SettingsDto } from './settingsApi';

/** A settings document as the server sends it, with every setting at its default. */
export function settingsDto(overrides: { editable?: Partial<SettingsDto['editable']>; start?: SettingsDto['start'];
  readOnly?: Partial<SettingsDto['readOnly']> } = {}): SettingsDto {
  const editable = {
    downloadLimit: 0, uploadLimit: 0, maxConnections: 200, maxConcurrentChecks: 1, defaultOutputFolder: '',
    eventsIntervalMillis: 1000, altDownloadLimit: 0, altUploadLimit: 0, altSpeed: false, logToFile: false,
    setupDone: true, queueing: false, maxActiveDownloads: 3, maxActiveSeeds: 5, maxActiveTorrents: 5,
    ignoreSlowTorrents: false, slowDownloadRate: 2048, slowUploadRate: 2048, slowTorrentSeconds: 60,
    seedRatioLimit: -1, seedTimeLimitMinutes: -1, seedIdleLimitMinutes: -1,
  };
  const start = (property: string, env: string) => ({ property, environmentVariable: env, next: null as never,
    restartNeeded: false, lockedBy: null });
  return {
    editable: { ...editable, ...overrides.editable },
    defaults: { ...editable, setupDone: false },
    readOnly: {
      httpPort: 3030, httpHost: '0.0.0.0', peerPort: 4240, peerBind: '0.0.0.0', downloadDir: '/srv/downloads',
      dataDir: '/srv/data', persistence: 'files', sessionSaveIntervalMillis: 1000, eventsMaxClients: 32, dht: true,
      dhtPort: 4240, dhtBootstrap: ['router.example:6881'], pex: true, lsd: true, logFile: '/srv/data/bitquark.log',
      watchDir: '', watchIntervalMillis: 2000, watchAfterAdd: 'rename', streamReadAheadBytes: 8388608, logJson: false,
      logTailClients: 4, logFileSize: 10485760, logFileBackups: 5, allowedHosts: [], trustedProxies: [],
      localhostBypass: false, protectMetrics: false, loginSessionMinutes: 10080, loginFailuresPerMinute: 5,
      loginBanAfterFailures: 20, loginBanMinutes: 15,
      ...overrides.readOnly,
    },
    start: {
      peerPort: start('bitquark.peer.port', 'BITQUARK_PEER_PORT'),
      peerBind: start('bitquark.peer.bind', 'BITQUARK_PEER_BIND'),
      downloadDir: start('bitquark.download-dir', 'BITQUARK_DOWNLOAD_DIR'),
      httpPort: start('bitquark.http.port', 'BITQUARK_HTTP_PORT'),
      httpHost: start('bitquark.http.host', 'BITQUARK_HTTP_HOST'),
      dht: start('bitquark.dht.enabled', 'BITQUARK_DHT_ENABLED'),
      dhtPort: start('bitquark.dht.port', 'BITQUARK_DHT_PORT'),
      dhtBootstrap: start('bitquark.dht.bootstrap', 'BITQUARK_DHT_BOOTSTRAP'),
      pex: start('bitquark.pex.enabled', 'BITQUARK_PEX_ENABLED'),
      lsd: start('bitquark.lsd.enabled', 'BITQUARK_LSD_ENABLED'),
      sessionSaveIntervalMillis: start('bitquark.session.save-interval', 'BITQUARK_SESSION_SAVE_INTERVAL'),
      eventsMaxClients: start('bitquark.events.max-clients', 'BITQUARK_EVENTS_MAX_CLIENTS'),
      watchDir: start('bitquark.watch.dir', 'BITQUARK_WATCH_DIR'),
      allowedHosts: start('bitquark.http.allowed-hosts', 'BITQUARK_HTTP_ALLOWED_HOSTS'),
      ...overrides.start,
    },
  };
}
