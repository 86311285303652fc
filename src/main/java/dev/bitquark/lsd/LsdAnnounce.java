package dev.bitquark.lsd;

/** One torrent being announced on the local network; see {@link LsdService#announce}. */
public interface LsdAnnounce {
    /**
     * Stops announcing and reporting peers for this registration. Idempotent and thread-safe; once it
     * returns, the registration's consumer is not called again (one call already running may finish).
     */
    void stop();
}
