package dev.bitquark.app.api;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.app.logging.LogConfig;
import dev.bitquark.app.security.AuthConfig;
import java.util.List;
import java.util.Locale;

/**
 * Settings from the configuration (environment, application.properties, options, the start settings
 * file), as in force now; a restart changes them ({@code PUT /api/v1/settings/start} for most).
 *
 * @param dht a DHT node runs (BEP 5; {@code bitquark.dht.enabled}, {@code --no-dht})
 * @param dhtPort its UDP port, 0 when off
 * @param dhtBootstrap the routers and nodes it bootstraps from ({@code bitquark.dht.bootstrap})
 * @param pex peer exchange (BEP 11; {@code bitquark.pex.enabled}, {@code --no-pex})
 * @param lsd local service discovery runs (BEP 14; {@code bitquark.lsd.enabled}, {@code --no-lsd})
 * @param logFile where the log file is written while {@code editable.logToFile} is on
 * @param watchDir the watch folder, {@code ""} when none ({@code bitquark.watch.dir})
 * @param streamReadAheadBytes bytes after a player's position fetched first ({@code bitquark.stream.read-ahead-bytes})
 * @param allowedHosts extra host names the UI and API answer to ({@code bitquark.http.allowed-hosts})
 * @param trustedProxies proxies whose X-Forwarded-* headers are believed ({@code bitquark.http.trusted-proxies})
 * @param loginSessionMinutes how long a browser stays logged in ({@code bitquark.auth.session-ttl})
 */
public record ReadOnlySettings(int httpPort, String httpHost, int peerPort, String peerBind, String downloadDir,
                               String dataDir, String persistence, long sessionSaveIntervalMillis,
                               int eventsMaxClients, boolean dht, int dhtPort, List<String> dhtBootstrap,
                               boolean pex, boolean lsd, String logFile, String watchDir, long watchIntervalMillis,
                               String watchAfterAdd, long streamReadAheadBytes, boolean logJson, int logTailClients,
                               long logFileSize, int logFileBackups, List<String> allowedHosts,
                               List<String> trustedProxies, boolean localhostBypass, boolean protectMetrics,
                               long loginSessionMinutes, int loginFailuresPerMinute, int loginBanAfterFailures,
                               long loginBanMinutes) {

    static ReadOnlySettings of(BitquarkConfig config, LogConfig log, AuthConfig auth, int peerPort, String downloadDir,
                               Discovery d, String logFile) {
        boolean dht = d != null && d.dht() != null;
        return new ReadOnlySettings(config.http().port(), config.http().host(), peerPort, config.peer().bind(),
                downloadDir, config.dataDir().toAbsolutePath().normalize().toString(),
                config.persistence().name().toLowerCase(Locale.ROOT), config.session().saveInterval().toMillis(),
                config.events().maxClients(), dht, dht ? d.dht().port() : 0,
                d == null ? List.of() : d.settings().bootstrap(), d != null && d.settings().pex(),
                d != null && d.lsd() != null, logFile,
                config.watch().dir().map(p -> p.toAbsolutePath().normalize().toString()).orElse(""),
                config.watch().interval().toMillis(), config.watch().afterAdd().name().toLowerCase(Locale.ROOT),
                config.stream().readAheadBytes(), log.json(), log.tailClients(), log.fileSize().asLongValue(),
                log.fileBackups(), config.http().allowedHosts().orElse(List.of()),
                config.http().trustedProxies().orElse(List.of()), auth.localhostBypass(), auth.protectMetrics(),
                auth.sessionTtl().toMinutes(), auth.maxFailuresPerMinute(), auth.banAfterFailures(),
                auth.banDuration().toMinutes());
    }
}
