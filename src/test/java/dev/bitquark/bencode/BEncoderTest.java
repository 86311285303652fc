package dev.bitquark.bencode;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BEncoderTest {

    private static String enc(BValue v) {
        return new String(BEncoder.encode(v), StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesScalars() {
        assertEquals("i0e", enc(new BInt(0)));
        assertEquals("i-9223372036854775808e", enc(new BInt(Long.MIN_VALUE)));
        assertEquals("4:spam", enc(BBytes.of("spam")));
        assertEquals("0:", enc(BBytes.EMPTY));
        assertEquals("le", enc(BList.EMPTY));
        assertEquals("de", enc(BDict.EMPTY));
    }

    @Test
    void sortsDictionaryKeysAsUnsignedBytes() {
        BDict d = BDict.builder()
                .put("zeta", 1)
                .put("\u00e9", 2)
                .put("alpha", 3)
                .put("Alpha", 4)
                .build();
        assertEquals("d5:Alphai4e5:alphai3e4:zetai1e1:\u00e9i2ee", enc(d));
        assertEquals(List.of("zeta", "\u00e9", "alpha", "Alpha"), d.keys());
    }

    @Test
    void roundTripsCanonicalInputsByteExact() {
        List<String> canonical = List.of(
                "i0e", "i-1e", "i9223372036854775807e", "0:", "3:abc", "le", "de",
                "li1e3:abcld1:ai1eeee",
                "d8:announce17:http://t/announce4:infod6:lengthi1024e4:name5:a.bin12:piece lengthi16384e"
                        + "6:pieces20:aaaaaaaaaaaaaaaaaaaaee",
                "d1:ad1:bd1:cleeee");
        for (String s : canonical) {
            byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(bytes, BEncoder.encode(BDecoder.decode(bytes)), s);
        }
    }

    @Test
    void roundTripsBinaryStrings() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        BDict d = BDict.builder().put(BDict.keyOf(new byte[] {(byte) 0xff, 0}), all).build();
        byte[] encoded = BEncoder.encode(d);
        BDict back = (BDict) BDecoder.decode(encoded);
        assertEquals(d, back);
        assertArrayEquals(all, back.getBytes(BDict.keyOf(new byte[] {(byte) 0xff, 0})));
    }

    @Test
    void builderSupportsTypedValuesAndOptionalFields() {
        BDict d = BDict.builder()
                .put("n", 5)
                .put("s", "h\u00e9")
                .put("b", new byte[] {1, 2})
                .put("l", BList.of(BValue.of(1), BValue.of("x")))
                .putIfNotNull("absent", (String) null)
                .putIfNotNull("absentLong", (Long) null)
                .putIfNotNull("present", 7L)
                .build();
        assertEquals(5L, d.getInt("n"));
        assertEquals("h\u00e9", d.getString("s"));
        assertArrayEquals(new byte[] {1, 2}, d.getBytes("b"));
        assertFalse(d.containsKey("absent"));
        assertEquals(7L, d.getInt("present"));
        assertEquals("d1:b2:\u0001\u00021:lli1e1:xe1:ni5e7:presenti7e1:s3:h\u00c3\u00a9e", enc(d));
    }

    @Test
    void builderRejectsKeysThatAreNotBytes() {
        assertThrows(IllegalArgumentException.class, () -> BDict.builder().put("\u20ac", 1));
        String key = BDict.keyFromUtf8("\u20ac");
        BDict d = BDict.builder().put(key, 1).build();
        assertEquals("d3:\u00e2\u0082\u00aci1ee", enc(d));
    }

    @Test
    void dictEqualityIgnoresKeyOrder() {
        BDict a = BDict.builder().put("a", 1).put("b", 2).build();
        BDict b = BDict.builder().put("b", 2).put("a", 1).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.asMap(), b.asMap());
        assertNotEquals(a, BDict.builder().put("a", 1).put("b", 3).build());
    }

    @Test
    void largeDictionaryLooksUpThroughIndex() {
        BDict.Builder builder = BDict.builder();
        for (int i = 0; i < 100; i++) {
            builder.put("k" + i, i);
        }
        BDict d = builder.build();
        for (int i = 0; i < 100; i++) {
            assertEquals((long) i, d.getInt("k" + i));
        }
        assertNull(d.get("k100"));
        assertEquals(d, BDecoder.decode(BEncoder.encode(d)));
    }
}
