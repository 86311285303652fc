package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;

/**
 * Strict, typed reading of one bencoded state dictionary (resume data, settings, session list)
 * with messages that name the document and the field. Each document starts with a {@code format}
 * name, so that one kind of file is never taken for another, and a {@code version}; keys this
 * version does not know are ignored, so an older build can read a newer file that only added
 * fields. Not thread-safe; one per decode.
 */
final class StateFields {
    private final BDict dict;
    private final String what;

    private StateFields(BDict dict, String what) {
        this.dict = dict;
        this.what = what;
    }

    /**
     * Decodes {@code payload} as a dictionary of the given format and checks its version.
     *
     * @param what the document's name in messages ("resume data")
     */
    static StateFields open(byte[] payload, BencodeLimits limits, String what, String format, int version)
            throws PersistenceException {
        BValue root;
        try {
            root = BDecoder.decode(payload, limits);
        } catch (BencodeException e) {
            throw new PersistenceException(what + ": not valid bencode: " + e.getMessage(), e);
        }
        if (!(root instanceof BDict d)) {
            throw new PersistenceException(what + ": expected a dictionary, got " + root.typeName());
        }
        StateFields f = new StateFields(d, what);
        String actualFormat = f.text("format", 64);
        if (!format.equals(actualFormat)) {
            throw new PersistenceException(what + ": format is \"" + actualFormat + "\", expected \"" + format + "\"");
        }
        long v = f.integer("version", 1, Long.MAX_VALUE);
        if (v > version) {
            throw new PersistenceException(what + ": version " + v + " is newer than this build reads (" + version + ")");
        }
        if (v != version) {
            throw new PersistenceException(what + ": version " + v + " is not supported (this build reads " + version + ")");
        }
        return f;
    }

    /** Fields of a dictionary that is not a document of its own (a column, a nested part). */
    static StateFields plain(BDict dict, String what) {
        return new StateFields(dict, what);
    }

    /** The dictionary under {@code key}, as fields named after it in messages. */
    StateFields dict(String key) throws PersistenceException {
        BValue v = require(key);
        if (!(v instanceof BDict d)) {
            throw error(key, "expected a dictionary, got " + v.typeName());
        }
        return new StateFields(d, what + ": field \"" + key + "\"");
    }

    /** The keys, if there are at most {@code max}. */
    java.util.List<String> keys(int max) throws PersistenceException {
        if (dict.size() > max) {
            throw new PersistenceException(what + ": has " + dict.size() + " entries, more than " + max);
        }
        return dict.keys();
    }

    PersistenceException error(String key, String problem) {
        return new PersistenceException(what + ": field \"" + key + "\" " + problem);
    }

    /** True if the document has {@code key} (for fields added after version 1, optional when absent). */
    boolean has(String key) {
        return dict.get(key) != null;
    }

    /** A required value of any type. */
    BValue value(String key) throws PersistenceException {
        return require(key);
    }

    private BValue require(String key) throws PersistenceException {
        BValue v = dict.get(key);
        if (v == null) {
            throw error(key, "is missing");
        }
        return v;
    }

    /** A required integer in {@code [min, max]}. */
    long integer(String key, long min, long max) throws PersistenceException {
        return integerValue(key, require(key), min, max);
    }

    /** An optional integer in {@code [min, max]}; {@code absent} if the key is missing. */
    long optionalInteger(String key, long min, long max, long absent) throws PersistenceException {
        BValue v = dict.get(key);
        return v == null ? absent : integerValue(key, v, min, max);
    }

    long integerValue(String key, BValue v, long min, long max) throws PersistenceException {
        if (!(v instanceof BInt i)) {
            throw error(key, "expected an integer, got " + v.typeName());
        }
        if (i.value() < min || i.value() > max) {
            throw error(key, "is " + i.value() + ", outside " + min + ".." + max);
        }
        return i.value();
    }

    /** A required 0/1 flag. */
    boolean flag(String key) throws PersistenceException {
        return integer(key, 0, 1) == 1;
    }

    /** A required byte string of at most {@code maxLength} bytes. */
    byte[] bytes(String key, int maxLength) throws PersistenceException {
        BValue v = require(key);
        if (!(v instanceof BBytes b)) {
            throw error(key, "expected a byte string, got " + v.typeName());
        }
        if (b.length() > maxLength) {
            throw error(key, "is " + b.length() + " bytes, more than " + maxLength);
        }
        return b.asBytes();
    }

    /** A required byte string of exactly {@code length} bytes (an info-hash). */
    byte[] bytesOfLength(String key, int length) throws PersistenceException {
        byte[] b = bytes(key, length);
        if (b.length != length) {
            throw error(key, "is " + b.length + " bytes, expected " + length);
        }
        return b;
    }

    /** A required UTF-8 string of at most {@code maxBytes} bytes. */
    String text(String key, int maxBytes) throws PersistenceException {
        return textValue(key, require(key), maxBytes);
    }

    /** An optional UTF-8 string, null if absent. */
    String optionalText(String key, int maxBytes) throws PersistenceException {
        BValue v = dict.get(key);
        return v == null ? null : textValue(key, v, maxBytes);
    }

    String textValue(String key, BValue v, int maxBytes) throws PersistenceException {
        if (!(v instanceof BBytes b)) {
            throw error(key, "expected a byte string, got " + v.typeName());
        }
        if (b.length() > maxBytes) {
            throw error(key, "is " + b.length() + " bytes, more than " + maxBytes);
        }
        if (!b.isValidUtf8()) {
            throw error(key, "is not valid UTF-8");
        }
        return b.asString();
    }

    /** A required list of at most {@code maxSize} elements. */
    BList list(String key, int maxSize) throws PersistenceException {
        BValue v = require(key);
        if (!(v instanceof BList l)) {
            throw error(key, "expected a list, got " + v.typeName());
        }
        if (l.size() > maxSize) {
            throw error(key, "has " + l.size() + " elements, more than " + maxSize);
        }
        return l;
    }

    /** A required list of exactly {@code size} integers, each in {@code [min, max]}. */
    long[] longs(String key, int size, long min, long max) throws PersistenceException {
        BList l = list(key, size);
        if (l.size() != size) {
            throw error(key, "has " + l.size() + " elements, expected " + size);
        }
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = integerValue(key + "[" + i + "]", l.get(i), min, max);
        }
        return out;
    }
}
