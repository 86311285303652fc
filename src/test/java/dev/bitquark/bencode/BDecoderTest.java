package dev.bitquark.bencode;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BDecoderTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BValue decode(String s) {
        return BDecoder.decode(b(s));
    }

    private static BencodeException reject(String s) {
        return assertThrows(BencodeException.class, () -> decode(s));
    }

    private static BencodeException reject(String s, BencodeLimits limits) {
        return assertThrows(BencodeException.class, () -> BDecoder.decode(b(s), limits));
    }

    // --- integers

    @Test
    void decodesIntegersIncludingLongExtremes() {
        assertEquals(new BInt(0), decode("i0e"));
        assertEquals(new BInt(42), decode("i42e"));
        assertEquals(new BInt(-42), decode("i-42e"));
        assertEquals(new BInt(Long.MAX_VALUE), decode("i9223372036854775807e"));
        assertEquals(new BInt(Long.MIN_VALUE), decode("i-9223372036854775808e"));
    }

    @Test
    void rejectsLeadingZeroInteger() {
        BencodeException e = reject("i03e");
        assertTrue(e.getMessage().contains("leading zero"), e.getMessage());
        assertEquals(1, e.offset());
        reject("i-03e");
        reject("i00e");
    }

    @Test
    void rejectsNegativeZero() {
        BencodeException e = reject("i-0e");
        assertTrue(e.getMessage().contains("negative zero"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void rejectsEmptyInteger() {
        assertTrue(reject("ie").getMessage().contains("no digits"));
        assertTrue(reject("i-e").getMessage().contains("no digits"));
    }

    @Test
    void rejectsIntegerOverflow() {
        BencodeException e = reject("i99999999999999999999e");
        assertTrue(e.getMessage().contains("out of 64-bit range"), e.getMessage());
        reject("i9223372036854775808e");
        reject("i-9223372036854775809e");
    }

    @Test
    void rejectsJunkInsideInteger() {
        BencodeException e = reject("i12x4e");
        assertEquals(3, e.offset());
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        reject("i+1e");
        reject("i 1e");
    }

    @Test
    void rejectsUnterminatedInteger() {
        BencodeException e = reject("i12");
        assertTrue(e.getMessage().contains("end of input"), e.getMessage());
        assertEquals(3, e.offset());
        reject("i");
        reject("i-");
    }

    // --- strings

    @Test
    void decodesStrings() {
        assertEquals(BBytes.of("spam"), decode("4:spam"));
        assertEquals(BBytes.EMPTY, decode("0:"));
        BBytes binary = (BBytes) BDecoder.decode(new byte[] {'2', ':', (byte) 0xff, 0});
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, binary.asBytes());
    }

    @Test
    void rejectsLeadingZeroStringLength() {
        BencodeException e = reject("03:abc");
        assertTrue(e.getMessage().contains("leading zero"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void rejectsStringLongerThanRemainingInput() {
        BencodeException e = reject("5:abc");
        assertTrue(e.getMessage().contains("exceeds remaining input of 3 bytes"), e.getMessage());
        BencodeException big = reject("4294967296:");
        assertTrue(big.getMessage().contains("too large"), big.getMessage());
        reject("2147483647:abc");
    }

    @Test
    void rejectsTwentyDigitStringLength() {
        BencodeException e = reject("12345678901234567890:x");
        assertTrue(e.getMessage().contains("string length too large"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void rejectsStringLongerThanLimitBeforeAllocating() {
        BencodeLimits small = BencodeLimits.DEFAULT.withMaxStringLength(3);
        assertEquals(BBytes.of("abc"), BDecoder.decode(b("3:abc"), small));
        BencodeException e = reject("4:abcd", small);
        assertTrue(e.getMessage().contains("exceeds limit of 3"), e.getMessage());
    }

    @Test
    void rejectsStringLengthWithoutColon() {
        assertTrue(reject("3abc").getMessage().contains("expected ':'"));
        assertTrue(reject("3").getMessage().contains("end of input"));
    }

    // --- lists and dictionaries

    @Test
    void decodesNestedListsAndDicts() {
        BValue v = decode("d4:listli1e4:spame3:numi7ee");
        BDict d = assertInstanceOf(BDict.class, v);
        assertEquals(List.of("list", "num"), d.keys());
        assertEquals(BList.of(new BInt(1), BBytes.of("spam")), d.getList("list"));
        assertEquals(7L, d.getInt("num"));
    }

    @Test
    void rejectsUnsortedKeysInStrictMode() {
        BencodeException e = reject("d1:bi1e1:ai2ee");
        assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
        assertEquals(7, e.offset());
    }

    @Test
    void acceptsUnsortedKeysInLenientMode() {
        BDict d = (BDict) BDecoder.decode(b("d1:bi1e1:ai2ee"), BencodeLimits.LENIENT);
        assertEquals(List.of("b", "a"), d.keys());
        assertEquals(2L, d.getInt("a"));
    }

    @Test
    void sortsKeysAsUnsignedBytes() {
        // 0xe9 sorts after 'z' as an unsigned byte (it would sort first if bytes were signed).
        BDict d = (BDict) BDecoder.decode(b("d1:zi1e1:\u00e9i2ee"));
        assertEquals(2, d.size());
        reject("d1:\u00e9i2e1:zi1ee");
    }

    @Test
    void rejectsDuplicateKeysInBothModes() {
        assertTrue(reject("d1:ai1e1:ai2ee").getMessage().contains("duplicate"));
        assertTrue(reject("d1:ai1e1:ai2ee", BencodeLimits.LENIENT).getMessage().contains("duplicate"));
        // A duplicate after the order broke is still caught, with and without the hash index.
        assertTrue(reject("d1:bi1e1:ai2e1:bi3ee", BencodeLimits.LENIENT).getMessage().contains("duplicate"));
        StringBuilder many = new StringBuilder("d");
        for (char c = 'z'; c >= 'k'; c--) {
            many.append("1:").append(c).append("i0e");
        }
        String manyKeys = many.toString();
        assertEquals(16, ((BDict) BDecoder.decode(b(manyKeys + "e"), BencodeLimits.LENIENT)).size());
        BencodeException e = reject(manyKeys + "1:mi0ee", BencodeLimits.LENIENT);
        assertTrue(e.getMessage().contains("duplicate dictionary key \"m\""), e.getMessage());
    }

    @Test
    void rejectsNonStringKey() {
        BencodeException e = reject("di1ei2ee");
        assertTrue(e.getMessage().contains("key must be a byte string"), e.getMessage());
        assertEquals(1, e.offset());
    }

    @Test
    void rejectsDictKeyWithoutValue() {
        BencodeException e = reject("d1:ae");
        assertTrue(e.getMessage().contains("key \"a\" has no value"), e.getMessage());
        assertEquals(4, e.offset());
    }

    @Test
    void rejectsTruncatedInputs() {
        for (String s : List.of("", "l", "d", "li1e", "d1:a", "d1:ai1e", "l4:spa", "ll", "d1:ali")) {
            BencodeException e = reject(s);
            assertTrue(e.getMessage().contains("end of input") || e.getMessage().contains("remaining input"),
                    s + " -> " + e.getMessage());
        }
    }

    @Test
    void rejectsUnknownTypeByte() {
        BencodeException e = reject("x");
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertTrue(reject("l\u0000e").getMessage().contains("0x00"));
    }

    // --- whole input, prefix, limits

    @Test
    void rejectsTrailingGarbage() {
        BencodeException e = reject("i1ex");
        assertTrue(e.getMessage().contains("trailing data: 1 bytes"), e.getMessage());
        assertEquals(3, e.offset());
        reject("dei0e");
    }

    @Test
    void decodePrefixReturnsEndOffsetAndIgnoresTail() {
        byte[] msg = b("xxd8:msg_typei1e5:piecei0eeRAWPIECEBYTES");
        BDecoder.Result r = BDecoder.decodePrefix(msg, 2, msg.length - 2, BencodeLimits.DEFAULT);
        assertEquals(msg.length - "RAWPIECEBYTES".length(), r.end());
        assertEquals(1L, ((BDict) r.value()).getInt("msg_type"));
    }

    @Test
    void decodesSubRangeOnly() {
        byte[] buf = b("XXi5eYY");
        assertEquals(new BInt(5), BDecoder.decode(buf, 2, 3, BencodeLimits.DEFAULT));
        assertThrows(BencodeException.class, () -> BDecoder.decode(buf, 2, 2, BencodeLimits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> BDecoder.decode(buf, 5, 5, BencodeLimits.DEFAULT));
    }

    @Test
    @Timeout(5)
    void rejectsDeepListNestingQuickly() {
        BencodeException e = reject("l".repeat(100_000));
        assertTrue(e.getMessage().contains("too deep"), e.getMessage());
        assertEquals(100, e.offset());
    }

    @Test
    @Timeout(5)
    void rejectsDeepDictNestingQuickly() {
        BencodeException e = reject("d".repeat(100_000));
        // Level 1 is a dict whose key must be a string: "d" is not; nested dicts need keys in between.
        assertTrue(e.getMessage().contains("key must be a byte string"), e.getMessage());
        BencodeException deep = reject("d1:a".repeat(100_000));
        assertTrue(deep.getMessage().contains("too deep"), deep.getMessage());
    }

    @Test
    void depthLimitIsConfigurableAndExact() {
        BencodeLimits two = BencodeLimits.DEFAULT.withMaxDepth(2);
        assertEquals(BList.of(BList.EMPTY), BDecoder.decode(b("llee"), two));
        assertTrue(reject("llleee", two).getMessage().contains("too deep"));
        assertEquals(100, countDepth(decode("l".repeat(100) + "e".repeat(100))));
        assertTrue(reject("l".repeat(101) + "e".repeat(101)).getMessage().contains("too deep"));
        assertThrows(IllegalArgumentException.class, () -> BencodeLimits.DEFAULT.withMaxDepth(100_000));
    }

    private static int countDepth(BValue v) {
        int depth = 0;
        while (v instanceof BList l) {
            depth++;
            v = l.isEmpty() ? null : l.get(0);
        }
        return depth;
    }

    @Test
    void rejectsMoreTokensThanTheCap() {
        BencodeLimits three = BencodeLimits.DEFAULT.withMaxTokens(3);
        assertEquals(2, ((BList) BDecoder.decode(b("li1ei2ee"), three)).size());
        BencodeException e = reject("li1ei2ei3ee", three);
        assertTrue(e.getMessage().contains("too many values"), e.getMessage());
        // Keys count too: d + key + value = 3.
        assertEquals(1, ((BDict) BDecoder.decode(b("d1:ai1ee"), three)).size());
        reject("d1:ali1eee", three);
    }

    @Test
    @Timeout(10)
    void defaultTokenCapBoundsAWideFlatList() {
        String wide = "l" + "i0e".repeat(2_500_000) + "e";
        BencodeException e = reject(wide);
        assertTrue(e.getMessage().contains("too many values: more than 2500000"), e.getMessage());
    }

    // --- raw spans

    @Test
    void rawSpanCoversExactSourceBytesOfValue() {
        String src = "d4:infod6:lengthi5e4:name1:xe3:zzzi1ee";
        byte[] bytes = b("PREFIX" + src);
        BDict d = (BDict) BDecoder.decode(bytes, 6, src.length(), BencodeLimits.DEFAULT);
        Span span = d.rawSpan("info");
        assertEquals(6 + 7, span.start());
        assertEquals("d6:lengthi5e4:name1:xe", new String(d.rawBytes("info"), StandardCharsets.ISO_8859_1));
        assertEquals(span.length(), d.rawBytes("info").length);
        assertEquals("i1e", new String(d.rawBytes("zzz"), StandardCharsets.ISO_8859_1));
        assertNull(d.rawSpan("missing"));
        assertNull(d.rawBytes("missing"));
    }

    @Test
    void rawBytesKeepUnsortedSourceOrderInLenientMode() {
        // Re-encoding would sort the keys; the raw bytes must not be normalised.
        String info = "d4:name1:x6:lengthi5ee";
        BDict d = (BDict) BDecoder.decode(b("d4:info" + info + "e"), BencodeLimits.LENIENT);
        assertEquals(info, new String(d.rawBytes("info"), StandardCharsets.ISO_8859_1));
        assertNotEquals(info, new String(BEncoder.encode(d.getDict("info")), StandardCharsets.ISO_8859_1));
    }

    @Test
    void typedGetterReportsWrongTypeWithOffset() {
        BDict d = (BDict) decode("d1:ai1e1:bli1eee");
        BencodeException e = assertThrows(BencodeException.class, () -> d.getDict("b"));
        assertTrue(e.getMessage().contains("key \"b\": expected dictionary, got list"), e.getMessage());
        assertEquals(10, e.offset());
        assertNull(d.getDict("c"));
        assertNull(d.getInt("c"));
        assertEquals(9L, d.getInt("c", 9));
    }
}
