package dev.bitquark.bencode;

/**
 * Resource caps and strictness of one decode. Every cap is checked before the memory it guards is
 * allocated, so hostile input cannot make the decoder allocate more than a small multiple of its
 * own size. Immutable.
 *
 * @param maxDepth        deepest nesting of lists and dictionaries (1 = a flat list); at most
 *                        {@value #DEPTH_CEILING} so the recursive decoder cannot overflow the stack
 * @param maxTokens       most values (integers, strings, lists, dictionaries) in one input
 * @param maxStringLength longest byte string in bytes
 * @param strictKeyOrder  if true, dictionary keys must be sorted (BEP 3); if false, any order is
 *                        accepted, as some real torrents have unsorted keys. Duplicate keys are
 *                        always rejected: two readers could pick different values.
 */
public record BencodeLimits(int maxDepth, int maxTokens, int maxStringLength, boolean strictKeyOrder) {
    /** Hard upper bound on {@link #maxDepth}: each level costs one small stack frame. */
    public static final int DEPTH_CEILING = 1000;

    /** Strict BEP 3: depth 100, 2.5 M tokens, strings up to 128 MiB. */
    public static final BencodeLimits DEFAULT = new BencodeLimits(100, 2_500_000, 128 * 1024 * 1024, true);

    /** Like {@link #DEFAULT} but accepting unsorted dictionary keys. */
    public static final BencodeLimits LENIENT = DEFAULT.withStrictKeyOrder(false);

    public BencodeLimits {
        if (maxDepth < 0 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be 0.." + DEPTH_CEILING + ", got " + maxDepth);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        }
        if (maxStringLength < 0) {
            throw new IllegalArgumentException("maxStringLength must not be negative, got " + maxStringLength);
        }
    }

    public BencodeLimits withMaxDepth(int depth) {
        return new BencodeLimits(depth, maxTokens, maxStringLength, strictKeyOrder);
    }

    public BencodeLimits withMaxTokens(int tokens) {
        return new BencodeLimits(maxDepth, tokens, maxStringLength, strictKeyOrder);
    }

    public BencodeLimits withMaxStringLength(int length) {
        return new BencodeLimits(maxDepth, maxTokens, length, strictKeyOrder);
    }

    public BencodeLimits withStrictKeyOrder(boolean strict) {
        return new BencodeLimits(maxDepth, maxTokens, maxStringLength, strict);
    }
}
