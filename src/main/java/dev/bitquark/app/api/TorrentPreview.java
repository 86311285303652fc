package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a torrent holds, for the add dialog ({@code ?listOnly=true}): nothing is added. Files are
 * listed with their index (the one file priorities use) and their path inside the torrent ({@code /}
 * separated, from which a client draws the folder tree); BEP 47 padding files are left out.
 * Trackers are the announce URLs, tier by tier, without duplicates. Immutable.
 */
public record TorrentPreview(
        String infoHash,
        String name,
        long totalSize,
        int pieceLength,
        int pieceCount,
        @JsonProperty("private") boolean isPrivate,
        List<File> files,
        List<String> trackers) {

    /** One file: {@code path} is relative to the torrent's folder (the name, for a single file). */
    public record File(int index, String path, long size) {
    }

    static TorrentPreview of(Metainfo meta) {
        List<File> files = new ArrayList<>(meta.files().size());
        for (FileEntry f : meta.files()) {
            if (!f.padding()) {
                files.add(new File(f.index(), f.displayPath(), f.length()));
            }
        }
        Set<String> trackers = new LinkedHashSet<>();
        meta.announceTiers().forEach(trackers::addAll);
        return new TorrentPreview(meta.infoHash().toHex(), meta.name(), meta.totalLength(), meta.pieceLength(),
                meta.pieceCount(), meta.isPrivate(), files, List.copyOf(trackers));
    }
}
