package dev.bitquark.engine;

import dev.bitquark.storage.PieceStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings the engine starts with. Immutable.
 *
 * @param bindAddress address the peer listener binds to ({@code 0.0.0.0} for all IPv4 interfaces)
 * @param peerPort TCP port for incoming peer connections; 0 picks a free port
 * @param downloadDir default folder for torrent payloads
 * @param maxConnections connections (dialing, handshaking and established) across all torrents;
 *     each torrent also has its own limit ({@link TorrentOptions#maxConnections()})
 * @param maxConcurrentChecks torrents reading their files for a check at once; others wait in
 *     {@link TorrentState#CHECKING} with {@code checkedFraction} 0, so a small machine stays responsive
 * @param storage makes each torrent's storage: files on disk ({@link PieceStorage#FILES}) unless a test plugs in
 *     another; the engine sees only {@link PieceStorage}
 * @param peerSources where every torrent's swarm looks for peers besides its trackers (DHT, LSD…); none by default
 * @param pex peer exchange (BEP 11, {@code ut_pex}) with peers that offer it, for torrents that are not private; on
 *     by default
 */
public record EngineConfig(String bindAddress, int peerPort, Path downloadDir, int maxConnections,
                           int maxConcurrentChecks, PieceStorage.Factory storage, List<PeerSource> peerSources,
                           boolean pex) {
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final int DEFAULT_MAX_CONCURRENT_CHECKS = 2;

    public EngineConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(downloadDir, "downloadDir");
        Objects.requireNonNull(storage, "storage");
        peerSources = List.copyOf(peerSources);
        if (peerPort < 0 || peerPort > 65535) {
            throw new IllegalArgumentException("peer port out of range: " + peerPort);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
        }
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("maxConcurrentChecks must be positive, got " + maxConcurrentChecks);
        }
    }

    /** With peer exchange on. */
    public EngineConfig(String bindAddress, int peerPort, Path downloadDir, int maxConnections,
                        int maxConcurrentChecks, PieceStorage.Factory storage, List<PeerSource> peerSources) {
        this(bindAddress, peerPort, downloadDir, maxConnections, maxConcurrentChecks, storage, peerSources, true);
    }

    /** Default limits: {@value #DEFAULT_MAX_CONNECTIONS} connections, {@value #DEFAULT_MAX_CONCURRENT_CHECKS} checks. */
    public EngineConfig(String bindAddress, int peerPort, Path downloadDir) {
        this(bindAddress, peerPort, downloadDir, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONCURRENT_CHECKS,
                PieceStorage.FILES, List.of());
    }

    public EngineConfig withMaxConnections(int max) {
        return new EngineConfig(bindAddress, peerPort, downloadDir, max, maxConcurrentChecks, storage, peerSources, pex);
    }

    public EngineConfig withMaxConcurrentChecks(int max) {
        return new EngineConfig(bindAddress, peerPort, downloadDir, maxConnections, max, storage, peerSources, pex);
    }

    /** The same config with another storage factory (in-memory or faulty storages in tests). */
    public EngineConfig withStorage(PieceStorage.Factory factory) {
        return new EngineConfig(bindAddress, peerPort, downloadDir, maxConnections, maxConcurrentChecks, factory, peerSources, pex);
    }

    /** The same config with one more peer source (the DHT, LSD…), started for every torrent that is not private. */
    public EngineConfig withPeerSource(PeerSource source) {
        List<PeerSource> more = new java.util.ArrayList<>(peerSources);
        more.add(Objects.requireNonNull(source, "source"));
        return new EngineConfig(bindAddress, peerPort, downloadDir, maxConnections, maxConcurrentChecks, storage, more, pex);
    }

    /** The same config with peer exchange (BEP 11) on or off. */
    public EngineConfig withPex(boolean on) {
        return new EngineConfig(bindAddress, peerPort, downloadDir, maxConnections, maxConcurrentChecks, storage, peerSources, on);
    }

    /** The DHT among the peer sources (the one with a {@link PeerSource#dhtPort()}), or null. */
    public PeerSource dht() {
        for (PeerSource s : peerSources) {
            if (s.dhtPort() > 0) {
                return s;
            }
        }
        return null;
    }
}
