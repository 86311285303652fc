package dev.bitquark.app.persistence;

import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A torrent added from a magnet link whose metadata has not arrived yet (BEP 9). The store keeps
 * it so that the fetch goes on after a restart; once the metadata arrives, {@link SessionStore#add}
 * of the real .torrent replaces it. Immutable.
 *
 * @param magnetUri the magnet link as added (its {@code tr} and {@code x.pe} are used again)
 * @param saveDir folder the torrent's files will go under
 * @param paused paused by the user
 * @param addedAtMillis when it was added (epoch ms)
 */
public record StoredMagnet(InfoHash infoHash, String magnetUri, Path saveDir, boolean paused, long addedAtMillis) {
    public StoredMagnet {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(magnetUri, "magnetUri");
        Objects.requireNonNull(saveDir, "saveDir");
    }

    public StoredMagnet withPaused(boolean p) {
        return new StoredMagnet(infoHash, magnetUri, saveDir, p, addedAtMillis);
    }
}
