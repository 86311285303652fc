package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ResumeData} to and from bytes: a canonical bencoded dictionary with a format name and a
 * version, one key per field. Decoding is strict (every field present with its type and range, a
 * {@code have} bitfield of the right length with clear spare bits, one entry per file in every
 * per-file field) and ignores keys it does not know. Paths are stored as UTF-8 strings. Stateless
 * and thread-safe.
 *
 * <p>File priorities are one byte per file ({@code s}kip, {@code l}ow, {@code n}ormal,
 * {@code h}igh): a torrent may have a million files, and letters survive a reordering of the enum.
 */
public final class ResumeDataCodec {
    public static final int VERSION = 1;
    static final String FORMAT = "bitquark-resume";
    /** Most files per torrent, as in the metainfo parser. */
    static final int MAX_FILES = 1_000_000;
    private static final int MAX_PATH_BYTES = 4096;
    private static final int MAX_ERROR_BYTES = 4096;
    /** Per file: a priority byte and two integers; a little room for the scalar fields. */
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT
            .withMaxDepth(5)
            .withMaxTokens(2 * MAX_FILES + 4 * dev.bitquark.metainfo.TrackerUrls.MAX_TRACKERS
                    + 2 * ResumeData.MAX_PEERS + 2 * dev.bitquark.engine.TorrentPolicy.MAX_TAGS + 256)
            .withMaxStringLength(Math.max(MAX_FILES, TorrentGeometry.MAX_PIECES / 8));

    private ResumeDataCodec() {
    }

    public static byte[] encode(ResumeData r) {
        List<FilePriority> priorities = r.filePriorities();
        byte[] prio = new byte[priorities.size()];
        for (int i = 0; i < prio.length; i++) {
            prio[i] = letter(priorities.get(i));
        }
        BDict.Builder b = BDict.builder()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("info-hash", r.infoHash().toBytes())
                .put("save-dir", r.saveDir().toString())
                .put("piece-count", r.pieceCount())
                .put("have", r.have())
                .put("unsynced", r.unsynced())
                .put("priorities", prio)
                .put("file-sizes", longs(r.fileSizes()))
                .put("file-mtimes", longs(r.fileMtimes()))
                .put("uploaded", r.uploadedTotal())
                .put("downloaded", r.downloadedTotal())
                .put("added-at", r.addedAtMillis())
                .put("completed-at", r.completedAtMillis())
                .put("paused", r.paused() ? 1 : 0)
                .put("sequential", r.sequential() ? 1 : 0)
                .put("download-limit", r.downloadLimit())
                .put("upload-limit", r.uploadLimit())
                .put("max-connections", r.maxConnections())
                .put("peers", TrackersAndPeers.peers(r.peers()))
                .put("session", SessionPartsCodec.torrent(r.policy(), r.queueOrder(), r.times(), r.renamedFiles()))
                .putIfNotNull("error", r.error());
        if (r.trackers() != null) {
            b.put("trackers", TrackersAndPeers.trackers(r.trackers()));
        }
        return BEncoder.encode(b.build());
    }

    /** Decodes and validates resume data; the message names the field at fault. */
    public static ResumeData decode(byte[] payload) throws PersistenceException {
        StateFields f = StateFields.open(payload, LIMITS, "resume data", FORMAT, VERSION);
        InfoHash hash = InfoHash.of(f.bytesOfLength("info-hash", InfoHash.LENGTH));
        Path saveDir = path(f, "save-dir");
        int pieceCount = (int) f.integer("piece-count", 0, TorrentGeometry.MAX_PIECES);
        byte[] have = f.bytes("have", TorrentGeometry.MAX_PIECES / 8);
        int expected = (pieceCount + 7) / 8;
        if (have.length != expected) {
            throw f.error("have", "is " + have.length + " bytes, expected " + expected + " for " + pieceCount + " pieces");
        }
        // BEP 3: spare bits at the end of a bitfield are zero; set ones claim pieces that do not exist.
        if (pieceCount % 8 != 0 && (have[have.length - 1] & (0xFF >>> (pieceCount % 8))) != 0) {
            throw f.error("have", "has spare bits set after piece " + (pieceCount - 1));
        }
        // Added after the first release of version 1: absent means no unsynced pieces.
        byte[] unsynced = f.has("unsynced") ? f.bytes("unsynced", TorrentGeometry.MAX_PIECES / 8) : new byte[expected];
        if (unsynced.length != expected) {
            throw f.error("unsynced", "is " + unsynced.length + " bytes, expected " + expected + " for " + pieceCount
                    + " pieces");
        }
        if (pieceCount % 8 != 0 && (unsynced[unsynced.length - 1] & (0xFF >>> (pieceCount % 8))) != 0) {
            throw f.error("unsynced", "has spare bits set after piece " + (pieceCount - 1));
        }
        for (int i = 0; i < expected; i++) {
            if ((have[i] & unsynced[i]) != 0) {
                throw f.error("unsynced", "claims pieces that \"have\" already lists (byte " + i + ")");
            }
        }
        byte[] prio = f.bytes("priorities", MAX_FILES);
        List<FilePriority> priorities = new ArrayList<>(prio.length);
        for (int i = 0; i < prio.length; i++) {
            FilePriority p = priority(prio[i]);
            if (p == null) {
                throw f.error("priorities", "has unknown priority " + describe(prio[i]) + " for file " + i);
            }
            priorities.add(p);
        }
        long[] sizes = f.longs("file-sizes", prio.length, -1, Long.MAX_VALUE);
        // Any mtime is possible (files from before 1970 exist); -1 marks a missing file.
        long[] mtimes = f.longs("file-mtimes", prio.length, Long.MIN_VALUE, Long.MAX_VALUE);
        // Added later: absent, no category or tags, the session's goals, at the bottom of the queue.
        SessionPartsCodec.TorrentParts parts = SessionPartsCodec.torrent(f, "session");
        return new ResumeData(hash, saveDir, pieceCount, have, priorities, sizes, mtimes,
                f.integer("uploaded", 0, Long.MAX_VALUE),
                f.integer("downloaded", 0, Long.MAX_VALUE),
                f.integer("added-at", -1, Long.MAX_VALUE),
                f.integer("completed-at", -1, Long.MAX_VALUE),
                f.flag("paused"),
                f.flag("sequential"),
                f.integer("download-limit", 0, Long.MAX_VALUE),
                f.integer("upload-limit", 0, Long.MAX_VALUE),
                f.optionalText("error", MAX_ERROR_BYTES),
                unsynced,
                // Added later: absent in older files, it means the default.
                (int) f.optionalInteger("max-connections", 0, Integer.MAX_VALUE, 0),
                // Added later: absent, the metainfo's trackers and no peers.
                f.has("trackers") ? TrackersAndPeers.trackers(f.value("trackers"), "resume data: field \"trackers\"")
                        : null,
                f.has("peers") ? TrackersAndPeers.peers(f.value("peers"), "resume data: field \"peers\"") : List.of(),
                parts.policy(), parts.queueOrder(), parts.times(), parts.renamed());
    }

    private static Path path(StateFields f, String key) throws PersistenceException {
        String s = f.text(key, MAX_PATH_BYTES);
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
            throw f.error(key, s.isEmpty() ? "is empty" : "contains a NUL character");
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw f.error(key, "is not a valid path here: " + e.getMessage());
        }
    }

    private static BList longs(long[] values) {
        List<BValue> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(new BInt(v));
        }
        return new BList(out);
    }

    private static byte letter(FilePriority p) {
        return switch (p) {
            case SKIP -> 's';
            case LOW -> 'l';
            case NORMAL -> 'n';
            case HIGH -> 'h';
        };
    }

    private static FilePriority priority(byte letter) {
        return switch (letter) {
            case 's' -> FilePriority.SKIP;
            case 'l' -> FilePriority.LOW;
            case 'n' -> FilePriority.NORMAL;
            case 'h' -> FilePriority.HIGH;
            default -> null;
        };
    }

    private static String describe(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7f ? "'" + (char) v + "'" : String.format("0x%02x", v);
    }
}
