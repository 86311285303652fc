package dev.bitquark.tracker.codec;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;

/**
 * Shared first steps of reading an HTTP tracker body: size cap, bencode decoding with tight limits,
 * and the BEP 3 {@code failure reason}. Stateless and thread-safe.
 */
final class TrackerResponses {
    /**
     * A tracker response is a shallow dictionary: announce peers are at depth 3, scrape counts at
     * depth 3. Tokens: 3000 non-compact peers need ~12 000; the cap leaves room for extra keys.
     * Key order is not checked because several trackers emit unsorted dictionaries.
     */
    static final BencodeLimits LIMITS = new BencodeLimits(8, 200_000, HttpAnnounceCodec.MAX_BODY_BYTES, false);
    private static final int SNIPPET = 40;

    private TrackerResponses() {
    }

    /** Decodes {@code body} as a dictionary and throws the tracker's failure reason if it has one. */
    static BDict open(byte[] body, String what) throws TrackerException {
        if (body.length > HttpAnnounceCodec.MAX_BODY_BYTES) {
            throw TrackerException.malformed(what + " response of " + body.length + " bytes exceeds "
                    + HttpAnnounceCodec.MAX_BODY_BYTES);
        }
        if (body.length == 0) {
            throw TrackerException.malformed(what + " response is empty");
        }
        if (body[0] != 'd') {
            // Typically an HTML error page from a proxy or a dead tracker; show its start as plain text.
            throw TrackerException.malformed(what + " response is not a bencoded dictionary, it starts with \""
                    + TrackerText.sanitize(body, 0, Math.min(body.length, SNIPPET)) + "\"");
        }
        BDict dict;
        try {
            dict = BDecoder.decodeDict(body, LIMITS);
        } catch (BencodeException e) {
            throw new TrackerException(TrackerException.Kind.MALFORMED,
                    what + " response is not valid bencode: " + e.getMessage(), e);
        }
        BValue failure = dict.get("failure reason");
        if (failure != null) {
            // BEP 3: if present, no other key matters.
            String reason = failure instanceof BBytes b ? TrackerText.sanitize(b.asBytes()) : "";
            throw new TrackerException(TrackerException.Kind.REFUSED,
                    reason.isEmpty() ? "tracker refused the request without a reason" : reason);
        }
        return dict;
    }

    /** An informational count: absent or not an integer reads as -1, huge values as Integer.MAX_VALUE. */
    static int count(BDict dict, String key) {
        if (dict.get(key) instanceof BInt i) {
            long v = i.value();
            return v < 0 ? -1 : (int) Math.min(v, Integer.MAX_VALUE);
        }
        return -1;
    }

    /** A required-type integer: absent reads as null, another type is an error naming the key. */
    static Long integer(BDict dict, String key, String what) throws TrackerException {
        BValue v = dict.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof BInt i) {
            return i.value();
        }
        throw TrackerException.malformed(what + " response: \"" + key + "\" is a " + v.typeName()
                + ", expected an integer");
    }
}
