package dev.bitquark.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of {@code GET /api/v1/torrents}, written row by row: a torrent whose stats equal those of
 * the last list it was in keeps the bytes written then. In a session of thousands of torrents nearly
 * all are idle between two lists, so a list costs the engine's snapshot and a copy of bytes, not
 * thousands of objects serialized anew. The rows are exactly what Jackson writes for each
 * {@link TorrentDto}. Thread-safe (lists may run at once; a row is replaced whole).
 */
@ApplicationScoped
public class TorrentListJson {
    /** One torrent of the list: the stats it was written from, its item and that item's JSON. */
    public record Row(TorrentStats stats, TorrentDto dto, byte[] json) {
    }

    private final ConcurrentHashMap<InfoHash, Row> rows = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    TorrentListJson(ObjectMapper json) {
        this.json = json;
    }

    /** The row of {@code s}: the one kept if the stats are the same, else a new one, kept for next time. */
    public Row row(TorrentStats s) {
        Row r = rows.get(s.infoHash());
        if (r != null && r.stats().equals(s)) {
            return r;
        }
        TorrentDto dto = TorrentDto.of(s);
        try {
            r = new Row(s, dto, json.writeValueAsBytes(dto));
        } catch (JsonProcessingException e) {
            // A record of strings, numbers and a map of counts: it always serializes.
            throw new UncheckedIOException(e);
        }
        rows.put(s.infoHash(), r);
        return r;
    }

    /** Forgets the rows of torrents not in {@code present} (removed from the session). */
    public void retain(Collection<TorrentStats> present) {
        if (rows.size() > present.size()) {
            Set<InfoHash> keep = new java.util.HashSet<>();
            for (TorrentStats s : present) {
                keep.add(s.infoHash());
            }
            rows.keySet().retainAll(keep);
        }
    }

    /** {@code [row,row,…]}: the JSON array of the given rows, in order. */
    public static byte[] array(List<Row> list) {
        int size = 2 + Math.max(0, list.size() - 1);
        for (Row r : list) {
            size += r.json().length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(list.get(i).json());
        }
        out.write(']');
        return out.toByteArray();
    }
}
