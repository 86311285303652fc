package dev.bitquark.tracker.codec;

/**
 * Swarm counts for one torrent from a scrape (BEP 48 HTTP, BEP 15 UDP). Immutable. A count the
 * tracker did not report is -1.
 *
 * @param complete seeders
 * @param incomplete leechers
 * @param downloaded number of completed downloads the tracker has seen
 */
public record ScrapeResponse(int complete, int incomplete, int downloaded) {
}
