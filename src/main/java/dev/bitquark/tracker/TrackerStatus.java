package dev.bitquark.tracker;

import java.time.Instant;

/**
 * A snapshot of one tracker of a torrent, for the API and UI. Immutable.
 *
 * @param url the announce URL
 * @param tier the BEP 12 tier (0 first)
 * @param lastAnnounce when the last announce finished, or null if never
 * @param lastResult outcome of the last announce
 * @param message the error of the last announce, or the tracker's warning after a success; null if none
 * @param peers number of peers in the last successful response
 * @param nextAnnounce when this tracker is due next, or null if not scheduled
 * @param seeders from the last announce or scrape, -1 if unknown
 * @param leechers from the last announce or scrape, -1 if unknown
 */
public record TrackerStatus(String url, int tier, Instant lastAnnounce, Result lastResult, String message, int peers,
                            Instant nextAnnounce, int seeders, int leechers) {

    public enum Result { NOT_CONTACTED, UPDATING, OK, ERROR, UNSUPPORTED }
}
