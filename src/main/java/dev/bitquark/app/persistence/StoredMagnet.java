package dev.bitquark.app.persistence;

import dev.bitquark.engine.TorrentPolicy;

import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A torrent added from a magnet link whose metadata has not arrived yet (BEP 9). The store keeps
 * it, with the settings the user gave it so far, so that the fetch goes on after a restart as it
 * was left; once the metadata arrives, {@link SessionStore#add} of the real .torrent replaces it.
 * Immutable.
 *
 * @param magnetUri the magnet link as it stands: as added, with the trackers in force (the user may add and
 *     remove some) as {@code tr} and the peers worth dialing as {@code x.pe}, both used again after a restart
 * @param saveDir folder the torrent's files will go under
 * @param paused paused by the user
 * @param addedAtMillis when it was added (epoch ms)
 * @param downloadLimit the torrent's download limit in bytes/s, 0 = unlimited
 * @param uploadLimit the torrent's upload limit in bytes/s, 0 = unlimited
 * @param sequential pieces to be downloaded in order once the metadata is there
 * @param maxConnections the torrent's connection limit, 0 = the default
 * @param policy category, tags, seeding goals, forced start
 * @param queueOrder its place in the queue (0: after the others)
 */
public record StoredMagnet(InfoHash infoHash, String magnetUri, Path saveDir, boolean paused, long addedAtMillis,
                           long downloadLimit, long uploadLimit, boolean sequential, int maxConnections,
                           TorrentPolicy policy, long queueOrder) {
    public StoredMagnet {
        policy = policy == null ? TorrentPolicy.DEFAULT : policy;
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(magnetUri, "magnetUri");
        Objects.requireNonNull(saveDir, "saveDir");
        if (downloadLimit < 0 || uploadLimit < 0 || maxConnections < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    /** Without limits, not sequential (as stored before those settings were kept). */
    public StoredMagnet(InfoHash infoHash, String magnetUri, Path saveDir, boolean paused, long addedAtMillis) {
        this(infoHash, magnetUri, saveDir, paused, addedAtMillis, 0, 0, false, 0);
    }

    /** Without a policy or queue order (as stored before those were kept). */
    public StoredMagnet(InfoHash infoHash, String magnetUri, Path saveDir, boolean paused, long addedAtMillis,
                        long downloadLimit, long uploadLimit, boolean sequential, int maxConnections) {
        this(infoHash, magnetUri, saveDir, paused, addedAtMillis, downloadLimit, uploadLimit, sequential,
                maxConnections, TorrentPolicy.DEFAULT, 0);
    }

    /** The link as it stands now (its trackers in force, the peers worth dialing as {@code x.pe}). */
    public StoredMagnet withLink(String uri) {
        return new StoredMagnet(infoHash, uri, saveDir, paused, addedAtMillis, downloadLimit, uploadLimit, sequential,
                maxConnections, policy, queueOrder);
    }

    /** The same link with the settings the torrent has now. */
    public StoredMagnet withSettings(Path dir, boolean p, long down, long up, boolean inOrder, int connections) {
        return new StoredMagnet(infoHash, magnetUri, dir, p, addedAtMillis, down, up, inOrder, connections, policy,
                queueOrder);
    }

    /** The same link with the policy and queue order the torrent has now. */
    public StoredMagnet withSessionParts(TorrentPolicy newPolicy, long newQueueOrder) {
        return new StoredMagnet(infoHash, magnetUri, saveDir, paused, addedAtMillis, downloadLimit, uploadLimit,
                sequential, maxConnections, newPolicy, newQueueOrder);
    }
}
