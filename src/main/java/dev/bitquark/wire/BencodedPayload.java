package dev.bitquark.wire;

import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of the bencoded dictionary at the front of a BEP 10 extended message payload, with
 * every bencode failure turned into a {@link WireException} naming the message. Stateless.
 */
final class BencodedPayload {
    /**
     * Extension dictionaries are small and flat. Key order is not enforced: several clients send
     * unsorted keys and BEP 10 messages are never hashed, so nothing depends on canonical form.
     */
    static final BencodeLimits LIMITS = BencodeLimits.LENIENT.withMaxDepth(4).withMaxTokens(4096);

    private BencodedPayload() {
    }

    /** A dictionary at the front of a payload and the payload offset just after it. */
    record Prefix(BDict dict, int end, byte[] bytes) {
    }

    /** Copies the payload (bounded by the frame cap) and decodes the dictionary at its front. */
    static Prefix decode(ByteBuffer payload, String what) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        BDecoder.Result r;
        try {
            r = BDecoder.decodePrefix(bytes, 0, bytes.length, LIMITS);
        } catch (BencodeException e) {
            throw new WireException(what + ": " + e.getMessage(), e);
        }
        if (!(r.value() instanceof BDict d)) {
            throw new WireException(what + ": payload is " + article(r.value().typeName()) + ", expected a dictionary");
        }
        return new Prefix(d, r.end(), bytes);
    }

    /** The integer at {@code key}, or null if absent or of another type (tolerated, as libtorrent does). */
    static Long optionalInt(BDict d, String key) {
        return d.get(key) instanceof dev.bitquark.bencode.BInt i ? i.value() : null;
    }

    /** The integer at {@code key}; absent or another type is an error. */
    static long requiredInt(BDict d, String key, String what) {
        BValue v = d.get(key);
        if (v == null) {
            throw new WireException(what + ": missing \"" + key + "\"");
        }
        if (!(v instanceof dev.bitquark.bencode.BInt i)) {
            throw new WireException(what + ": \"" + key + "\" is " + article(v.typeName()) + ", expected an integer");
        }
        return i.value();
    }

    /** "a list", "an integer": for error messages naming a bencode type. */
    static String article(String typeName) {
        return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }

    /** A dictionary key (one char per byte) read as UTF-8 text. */
    static String keyText(String key) {
        return new String(key.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
