package dev.bitquark.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings the engine starts with. Immutable.
 *
 * @param bindAddress address the peer listener binds to ({@code 0.0.0.0} for all IPv4 interfaces)
 * @param peerPort TCP port for incoming peer connections; 0 picks a free port
 * @param downloadDir default folder for torrent payloads
 */
public record EngineConfig(String bindAddress, int peerPort, Path downloadDir) {
    public EngineConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(downloadDir, "downloadDir");
        if (peerPort < 0 || peerPort > 65535) {
            throw new IllegalArgumentException("peer port out of range: " + peerPort);
        }
    }
}
