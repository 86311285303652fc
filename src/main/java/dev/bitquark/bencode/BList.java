package dev.bitquark.bencode;

import java.util.List;

/** A bencoded list ({@code l...e}). Immutable: the element list is an unmodifiable copy. */
public record BList(List<BValue> values) implements BValue {
    public static final BList EMPTY = new BList(List.of());

    public BList {
        values = List.copyOf(values);
    }

    public static BList of(BValue... values) {
        return new BList(List.of(values));
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public BValue get(int index) {
        return values.get(index);
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
