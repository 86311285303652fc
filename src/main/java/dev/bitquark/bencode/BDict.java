package dev.bitquark.bencode;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * A bencoded dictionary ({@code d...e}), keeping its keys in source (or insertion) order.
 *
 * <p>Keys are byte strings; they are held as Java strings whose chars are the key bytes one to one
 * (ISO-8859-1), so ASCII names look themselves up ({@code get("info")}) and the unsigned byte order
 * BEP 3 sorts by equals {@link String#compareTo}. A UTF-8 key is looked up with
 * {@link #keyFromUtf8(String)}.
 *
 * <p>A decoded dictionary remembers where each value sat in the source array ({@link #rawSpan}),
 * and keeps a reference to that array; callers must not modify an array after decoding it.
 * Immutable and thread-safe.
 */
public final class BDict implements BValue {
    public static final BDict EMPTY = new BDict(new String[0], new BValue[0], null, null);
    /** Above this many keys a hash index replaces the linear scan. */
    private static final int INDEX_THRESHOLD = 8;

    // Parallel arrays rather than a LinkedHashMap: a hostile input of many tiny dictionaries
    // must not cost several hundred bytes of heap per dictionary.
    private final String[] keys;
    private final BValue[] values;
    /** {@code [start0, end0, start1, end1, ...]} in {@link #source}, or null for a built dictionary. */
    private final int[] spans;
    private final byte[] source;
    private final Map<String, Integer> index;

    /** Takes ownership of the arrays; keys must be unique. */
    BDict(String[] keys, BValue[] values, int[] spans, byte[] source) {
        this.keys = keys;
        this.values = values;
        this.spans = spans;
        this.source = source;
        if (keys.length > INDEX_THRESHOLD) {
            HashMap<String, Integer> m = HashMap.newHashMap(keys.length);
            for (int i = 0; i < keys.length; i++) {
                m.put(keys[i], i);
            }
            this.index = m;
        } else {
            this.index = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key form (one char per byte) of the UTF-8 encoding of {@code text}. */
    public static String keyFromUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The key form of raw key bytes. */
    public static String keyOf(byte[] keyBytes) {
        return new String(keyBytes, StandardCharsets.ISO_8859_1);
    }

    private int indexOf(String key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** Keys in source (or insertion) order; unmodifiable. */
    public List<String> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys));
    }

    /** Key number {@code i} in source (or insertion) order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /** Value number {@code i} in source (or insertion) order. */
    public BValue valueAt(int i) {
        return values[i];
    }

    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** An unmodifiable map view, iterating in source (or insertion) order. */
    public Map<String, BValue> asMap() {
        return new AbstractMap<>() {
            @Override
            public BValue get(Object key) {
                return key instanceof String k ? BDict.this.get(k) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return key instanceof String k && BDict.this.containsKey(k);
            }

            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Set<Entry<String, BValue>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public int size() {
                        return keys.length;
                    }

                    @Override
                    public Iterator<Entry<String, BValue>> iterator() {
                        return new Iterator<>() {
                            private int i;

                            @Override
                            public boolean hasNext() {
                                return i < keys.length;
                            }

                            @Override
                            public Entry<String, BValue> next() {
                                if (i >= keys.length) {
                                    throw new NoSuchElementException();
                                }
                                Entry<String, BValue> e = Map.entry(keys[i], values[i]);
                                i++;
                                return e;
                            }
                        };
                    }
                };
            }
        };
    }

    /** The value of {@code key}, or null if absent. */
    public BValue get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    public Optional<BValue> find(String key) {
        return Optional.ofNullable(get(key));
    }

    /** The integer at {@code key}, or null if absent; throws if present with another type. */
    public Long getInt(String key) {
        BInt v = typed(key, BInt.class, "integer");
        return v == null ? null : v.value();
    }

    /** The integer at {@code key}, or {@code fallback} if absent; throws if present with another type. */
    public long getInt(String key, long fallback) {
        BInt v = typed(key, BInt.class, "integer");
        return v == null ? fallback : v.value();
    }

    /** The byte string at {@code key}, or null if absent; throws if present with another type. */
    public BBytes getByteString(String key) {
        return typed(key, BBytes.class, "byte string");
    }

    /** A copy of the byte string at {@code key}, or null if absent; throws if present with another type. */
    public byte[] getBytes(String key) {
        BBytes v = typed(key, BBytes.class, "byte string");
        return v == null ? null : v.asBytes();
    }

    /** The byte string at {@code key} as UTF-8 text, or null if absent; throws if present with another type. */
    public String getString(String key) {
        BBytes v = typed(key, BBytes.class, "byte string");
        return v == null ? null : v.asString();
    }

    /** The list at {@code key}, or null if absent; throws if present with another type. */
    public BList getList(String key) {
        return typed(key, BList.class, "list");
    }

    /** The dictionary at {@code key}, or null if absent; throws if present with another type. */
    public BDict getDict(String key) {
        return typed(key, BDict.class, "dictionary");
    }

    /**
     * Where the value of {@code key} sat in the source array, or null if the key is absent or this
     * dictionary was built rather than decoded. Offsets index the array given to the decoder.
     */
    public Span rawSpan(String key) {
        if (spans == null) {
            return null;
        }
        int i = indexOf(key);
        return i < 0 ? null : new Span(spans[2 * i], spans[2 * i + 1]);
    }

    /**
     * A copy of the exact source bytes of the value of {@code key} (e.g. the {@code info} dictionary
     * whose SHA-1 is the info-hash), or null if absent or this dictionary was not decoded.
     */
    public byte[] rawBytes(String key) {
        Span s = rawSpan(key);
        return s == null ? null : Arrays.copyOfRange(source, s.start(), s.end());
    }

    /** True if this dictionary was decoded and so has source spans. */
    public boolean hasSpans() {
        return spans != null;
    }

    private <T extends BValue> T typed(String key, Class<T> type, String typeName) {
        BValue v = get(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            Span s = rawSpan(key);
            throw new BencodeException(
                    "key \"" + key + "\": expected " + typeName + ", got " + v.typeName(), s == null ? -1 : s.start());
        }
        return type.cast(v);
    }

    @Override
    public String typeName() {
        return "dictionary";
    }

    /** Equal if the key-to-value mappings are equal, whatever the key order and source. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BDict other) || other.keys.length != keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (!values[i].equals(other.get(keys[i]))) {
                return false;
            }
        }
        return true;
    }

    /** As {@link Map#hashCode()}: independent of key order. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keys.length; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    /**
     * Fluent construction of a dictionary. Keys keep insertion order here; the encoder sorts them.
     * Not thread-safe; build once.
     */
    public static final class Builder {
        private final LinkedHashMap<String, BValue> map = new LinkedHashMap<>();

        private Builder() {
        }

        /** Puts {@code value}, replacing an earlier value of {@code key}. Keys use chars 0..255 only. */
        public Builder put(String key, BValue value) {
            for (int i = 0; i < key.length(); i++) {
                if (key.charAt(i) > 0xFF) {
                    throw new IllegalArgumentException("key must be bytes (chars 0..255); use keyFromUtf8: " + key);
                }
            }
            map.put(key, java.util.Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder put(String key, long value) {
            return put(key, new BInt(value));
        }

        /** Puts the UTF-8 encoding of {@code text}. */
        public Builder put(String key, String text) {
            return put(key, BBytes.of(text));
        }

        public Builder put(String key, byte[] bytes) {
            return put(key, BBytes.of(bytes));
        }

        /** Puts {@code value} unless it is null; handy for optional fields. */
        public Builder putIfNotNull(String key, BValue value) {
            return value == null ? this : put(key, value);
        }

        public Builder putIfNotNull(String key, String text) {
            return text == null ? this : put(key, text);
        }

        public Builder putIfNotNull(String key, Long value) {
            return value == null ? this : put(key, value.longValue());
        }

        public BDict build() {
            return new BDict(map.keySet().toArray(new String[0]), map.values().toArray(new BValue[0]), null, null);
        }
    }
}
