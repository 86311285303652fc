package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@link StoredMagnet} to and from bytes for the file store: a canonical bencoded dictionary with
 * a format name and a version. Decoding is strict (the magnet link must parse and name the
 * info-hash it is filed under) and ignores unknown keys. Stateless and thread-safe.
 */
public final class MagnetCodec {
    public static final int VERSION = 1;
    static final String FORMAT = "bitquark-magnet";
    private static final int MAX_PATH_BYTES = 4096;
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT
            .withMaxDepth(5).withMaxTokens(2_000).withMaxStringLength(Magnet.MAX_URI_LENGTH);

    private MagnetCodec() {
    }

    public static byte[] encode(StoredMagnet m) {
        return BEncoder.encode(BDict.builder()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("info-hash", m.infoHash().toBytes())
                .put("magnet", m.magnetUri())
                .put("save-dir", m.saveDir().toString())
                .put("paused", m.paused() ? 1 : 0)
                .put("added-at", m.addedAtMillis())
                .put("download-limit", m.downloadLimit())
                .put("upload-limit", m.uploadLimit())
                .put("sequential", m.sequential() ? 1 : 0)
                .put("max-connections", m.maxConnections())
                .put("session", SessionPartsCodec.torrent(m.policy(), m.queueOrder(), dev.bitquark.engine.TorrentTimes.NONE))
                .build());
    }

    /** Decodes and validates a stored magnet; the message names the field at fault. */
    public static StoredMagnet decode(byte[] payload) throws PersistenceException {
        StateFields f = StateFields.open(payload, LIMITS, "magnet", FORMAT, VERSION);
        InfoHash hash = InfoHash.of(f.bytesOfLength("info-hash", InfoHash.LENGTH));
        String uri = f.text("magnet", Magnet.MAX_URI_LENGTH);
        try {
            InfoHash linked = Magnet.parse(uri).infoHash();
            if (!linked.equals(hash)) {
                throw f.error("magnet", "links torrent " + linked + ", not " + hash);
            }
        } catch (BadMagnetException e) {
            throw f.error("magnet", "is not a valid magnet link: " + e.getMessage());
        }
        String dir = f.text("save-dir", MAX_PATH_BYTES);
        if (dir.isEmpty() || dir.indexOf('\0') >= 0) {
            throw f.error("save-dir", dir.isEmpty() ? "is empty" : "contains a NUL character");
        }
        Path saveDir;
        try {
            saveDir = Path.of(dir);
        } catch (InvalidPathException e) {
            throw f.error("save-dir", "is not a valid path here: " + e.getMessage());
        }
        // The settings below were added later: absent in older files, they mean "none".
        SessionPartsCodec.TorrentParts parts = SessionPartsCodec.torrent(f, "session");
        return new StoredMagnet(hash, uri, saveDir, f.flag("paused"), f.integer("added-at", 0, Long.MAX_VALUE),
                f.optionalInteger("download-limit", 0, Long.MAX_VALUE, 0), f.optionalInteger("upload-limit", 0, Long.MAX_VALUE, 0),
                f.has("sequential") && f.flag("sequential"),
                (int) f.optionalInteger("max-connections", 0, Integer.MAX_VALUE, 0), parts.policy(), parts.queueOrder());
    }
}
