package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BencodeLimits;

/**
 * {@link SessionSettings} to and from bytes: a canonical bencoded dictionary with a format name
 * and a version. Decoding is strict and ignores unknown keys. Stateless and thread-safe.
 */
public final class SettingsCodec {
    public static final int VERSION = 1;
    static final String FORMAT = "bitquark-settings";
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT
            .withMaxDepth(4).withMaxTokens(10_000).withMaxStringLength(64 * 1024);

    private SettingsCodec() {
    }

    public static byte[] encode(SessionSettings s) {
        return BEncoder.encode(BDict.builder()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("download-limit", s.downloadLimit())
                .put("upload-limit", s.uploadLimit())
                .build());
    }

    /** Decodes and validates settings; the message names the field at fault. */
    public static SessionSettings decode(byte[] payload) throws PersistenceException {
        StateFields f = StateFields.open(payload, LIMITS, "settings", FORMAT, VERSION);
        return new SessionSettings(
                f.integer("download-limit", 0, Long.MAX_VALUE),
                f.integer("upload-limit", 0, Long.MAX_VALUE));
    }
}
