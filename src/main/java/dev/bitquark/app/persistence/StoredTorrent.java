package dev.bitquark.app.persistence;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;

/**
 * A torrent as loaded from the store. {@code resume} is null when its resume data was missing or
 * damaged beyond the previous generation; {@code problem} then says what was wrong (for the log).
 */
public record StoredTorrent(InfoHash infoHash, byte[] torrentFile, ResumeData resume, String problem) {
}
