package dev.bitquark.app.session;

import dev.bitquark.app.persistence.ResumeDataCodec;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the store holds for each torrent, as a SHA-256 digest of its encoded resume data, so that a
 * save of unchanged resume data can be skipped. Without it every restart rewrites the resume data of
 * every torrent (each check ends with a "changed" event) and every stop saves all of them again: with
 * a thousand torrents that is thousands of fsyncs, which on a slow disk outlasts the grace period of
 * a stop. A digest is recorded only when the store confirmed the data (loaded cleanly, or saved
 * without any error), so anything uncertain is written again.
 *
 * <p>Thread-safe (a concurrent map); 32 bytes per torrent.
 */
final class StoredResume {
    /** As the engine's {@code TorrentSlot.TIME_STEP_MILLIS}: times are saved when they pass a multiple of this. */
    static final long TIME_STEP_SECONDS = 600;

    private final Map<InfoHash, byte[]> digests = new ConcurrentHashMap<>();

    /**
     * The digest of {@code resume} as the store would encode it, with its times counted in steps of
     * {@link #TIME_STEP_SECONDS}: time spent running changes every second, and a stop must not rewrite every
     * torrent for that alone. The engine reports a torrent changed each time its time passes a step, so the time
     * kept is at most one step behind after a restart.
     */
    static byte[] digest(ResumeData resume) {
        dev.bitquark.engine.TorrentTimes t = resume.times();
        ResumeData stepped = resume.withSessionParts(resume.policy(), resume.queueOrder(),
                new dev.bitquark.engine.TorrentTimes(t.downloadingSeconds() / TIME_STEP_SECONDS,
                        t.seedingSeconds() / TIME_STEP_SECONDS, 0));
        try {
            return MessageDigest.getInstance("SHA-256").digest(ResumeDataCodec.encode(stepped));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** True if the store is known to hold exactly the resume data of {@code digest}. */
    boolean holds(InfoHash torrent, byte[] digest) {
        return Arrays.equals(digests.get(torrent), digest);
    }

    /** The store confirmed it holds this resume data (loaded, added or saved). */
    void confirmed(InfoHash torrent, byte[] digest) {
        digests.put(torrent, digest);
    }

    /** Not known any more (a failed or unconfirmed save, a removal): the next save writes. */
    void forget(InfoHash torrent) {
        digests.remove(torrent);
    }
}
