package dev.bitquark.engine;

/**
 * When a finished torrent stops seeding: at a share ratio, after a time seeding, or after a time seeding without
 * uploading anything. Each limit is {@link #SESSION} (the session's default applies), {@link #NONE} (no limit) or
 * a value; the session's own defaults use only {@code NONE} or values. A torrent that reaches any of its limits
 * stops (paused, as if by the user), as qBittorrent's "stop torrent" share-limit action and Transmission's seed
 * ratio and idle limits do: the *arr apps remove only a torrent that is stopped and past its goal.
 *
 * @param ratio uploaded / downloaded (of the torrent's size when nothing was downloaded: a torrent added complete)
 * @param seedingMinutes minutes seeding in total
 * @param idleMinutes minutes seeding without uploading a byte
 */
public record SeedGoals(double ratio, long seedingMinutes, long idleMinutes) {
    /** Take the session's default for this limit. */
    public static final int SESSION = -2;
    /** No limit. */
    public static final int NONE = -1;
    /** Every limit from the session's defaults: what a torrent has unless it is given its own. */
    public static final SeedGoals FROM_SESSION = new SeedGoals(SESSION, SESSION, SESSION);
    /** No limit at all: what the session has unless it is given defaults. */
    public static final SeedGoals UNLIMITED = new SeedGoals(NONE, NONE, NONE);
    /** Upper bounds, so that sums and multiplications stay far from overflow: 1e6 and a century. */
    public static final double MAX_RATIO = 1_000_000;
    public static final long MAX_MINUTES = 100L * 366 * 24 * 60;

    public SeedGoals {
        if (Double.isNaN(ratio) || ratio != SESSION && ratio != NONE && (ratio < 0 || ratio > MAX_RATIO)) {
            throw new IllegalArgumentException("ratio limit must be -2 (session), -1 (none) or 0.." + (long) MAX_RATIO
                    + ", got " + ratio);
        }
        check("seeding time limit", seedingMinutes);
        check("idle seeding limit", idleMinutes);
    }

    private static void check(String what, long minutes) {
        if (minutes != SESSION && minutes != NONE && (minutes < 0 || minutes > MAX_MINUTES)) {
            throw new IllegalArgumentException(what + " must be -2 (session), -1 (none) or 0.." + MAX_MINUTES
                    + " minutes, got " + minutes);
        }
    }

    /** These limits with each {@link #SESSION} replaced by the session's ({@code defaults} has no SESSION). */
    public SeedGoals over(SeedGoals defaults) {
        // The two common cases without a new object: every torrent's stats ask this each second.
        if (ratio != SESSION && seedingMinutes != SESSION && idleMinutes != SESSION) {
            return this;
        }
        if (ratio == SESSION && seedingMinutes == SESSION && idleMinutes == SESSION) {
            return defaults;
        }
        return new SeedGoals(ratio == SESSION ? defaults.ratio : ratio,
                seedingMinutes == SESSION ? defaults.seedingMinutes : seedingMinutes,
                idleMinutes == SESSION ? defaults.idleMinutes : idleMinutes);
    }

    /** Whether any limit is set (for limits already resolved with {@link #over}). */
    public boolean any() {
        return ratio >= 0 || seedingMinutes >= 0 || idleMinutes >= 0;
    }

    /**
     * Which limit is reached, as a sentence for the user, or null; for limits already resolved with {@link #over}.
     *
     * @param ratio the torrent's share ratio now
     * @param seedingSeconds seconds seeding in total
     * @param idleSeconds seconds seeding since the last byte uploaded
     */
    public String reached(double ratio, long seedingSeconds, long idleSeconds) {
        if (this.ratio >= 0 && ratio >= this.ratio) {
            return String.format(java.util.Locale.ROOT, "seeding goal reached: ratio %.2f of %.2f", ratio, this.ratio);
        }
        if (seedingMinutes >= 0 && seedingSeconds >= seedingMinutes * 60) {
            return "seeding goal reached: seeded " + minutes(seedingSeconds) + " of " + seedingMinutes + " min";
        }
        if (idleMinutes >= 0 && idleSeconds >= idleMinutes * 60) {
            return "seeding goal reached: no upload for " + minutes(idleSeconds) + " of " + idleMinutes + " min";
        }
        return null;
    }

    private static String minutes(long seconds) {
        return seconds / 60 + " min";
    }

    /**
     * The share ratio a seeding goal is measured by: uploaded over downloaded; a torrent that downloaded nothing
     * (its data was there when added) is measured against its size, as libtorrent and qBittorrent do.
     */
    public static double ratioOf(long uploaded, long downloaded, long size) {
        long base = downloaded > 0 ? downloaded : size;
        return base <= 0 ? 0 : (double) uploaded / base;
    }
}
