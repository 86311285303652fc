package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ResumeDataCodec}, {@link SettingsCodec} and the session list: round trips and strict decoding. */
class ResumeDataCodecTest {

    static ResumeData sample(String error) {
        byte[] hash = new byte[20];
        Arrays.fill(hash, (byte) 0xab);
        return new ResumeData(InfoHash.of(hash), Path.of("/srv/downloads/Ünïcode dir"), 13,
                new byte[] {(byte) 0xff, (byte) 0xa8}, // pieces 0-7, 8, 10, 12 (spare bits clear)
                List.of(FilePriority.SKIP, FilePriority.LOW, FilePriority.NORMAL, FilePriority.HIGH),
                new long[] {0, 1234, -1, Long.MAX_VALUE}, new long[] {-1, 1_700_000_000_123L, -5_000, 0},
                1L << 40, 12345, 1_699_999_999_000L, -1, true, false, 1_000_000, 0, error,
                new byte[] {0, 0x50}, // pieces 9 and 11 written, not yet flushed
                12); // the user's connection limit
    }

    static void assertSame(ResumeData a, ResumeData b) {
        assertEquals(a.infoHash(), b.infoHash());
        assertEquals(a.saveDir(), b.saveDir());
        assertEquals(a.pieceCount(), b.pieceCount());
        assertArrayEquals(a.have(), b.have());
        assertArrayEquals(a.unsynced(), b.unsynced());
        assertEquals(a.filePriorities(), b.filePriorities());
        assertArrayEquals(a.fileSizes(), b.fileSizes());
        assertArrayEquals(a.fileMtimes(), b.fileMtimes());
        assertEquals(a.uploadedTotal(), b.uploadedTotal());
        assertEquals(a.downloadedTotal(), b.downloadedTotal());
        assertEquals(a.addedAtMillis(), b.addedAtMillis());
        assertEquals(a.completedAtMillis(), b.completedAtMillis());
        assertEquals(a.paused(), b.paused());
        assertEquals(a.sequential(), b.sequential());
        assertEquals(a.downloadLimit(), b.downloadLimit());
        assertEquals(a.uploadLimit(), b.uploadLimit());
        assertEquals(a.error(), b.error());
        assertEquals(a.maxConnections(), b.maxConnections());
    }

    @Test
    void roundTripsEveryField() throws Exception {
        for (ResumeData r : List.of(sample(null), sample("disk full: no space left on device"))) {
            byte[] bytes = ResumeDataCodec.encode(r);
            assertSame(r, ResumeDataCodec.decode(bytes));
            assertArrayEquals(bytes, ResumeDataCodec.encode(ResumeDataCodec.decode(bytes)), "canonical");
        }
    }

    @Test
    void roundTripsATorrentWithoutPiecesOrFiles() throws Exception {
        ResumeData r = new ResumeData(InfoHash.of(new byte[20]), Path.of("rel"), 0, new byte[0], List.of(),
                new long[0], new long[0], 0, 0, 0, 0, false, true, 0, 0, null);
        assertSame(r, ResumeDataCodec.decode(ResumeDataCodec.encode(r)));
    }

    @Test
    void ignoresKeysItDoesNotKnow() throws Exception {
        byte[] bytes = edit(sample(null), d -> with(d, "zz-future-field", BValue.of("from a newer build")));
        assertSame(sample(null), ResumeDataCodec.decode(bytes));
    }

    @Test
    void resumeDataWithoutTheUnsyncedFieldHasNoUnsyncedPieces() throws Exception {
        ResumeData r = ResumeDataCodec.decode(edit(sample(null), without("unsynced")));
        assertArrayEquals(new byte[2], r.unsynced(), "files saved before the field existed");
        assertArrayEquals(sample(null).have(), r.have());
    }

    @Test
    void resumeDataWithoutAConnectionLimitHasTheDefault() throws Exception {
        assertEquals(0, ResumeDataCodec.decode(edit(sample(null), without("max-connections"))).maxConnections());
    }

    static Stream<Arguments> badResumeData() {
        return Stream.of(
                Arguments.of("missing field", without("have"), "field \"have\" is missing"),
                Arguments.of("wrong type", (UnaryOperator<BDict>) d -> with(d, "paused", BValue.of("yes")),
                        "field \"paused\" expected an integer, got byte string"),
                Arguments.of("flag out of range", (UnaryOperator<BDict>) d -> with(d, "sequential", new BInt(2)),
                        "field \"sequential\" is 2, outside 0..1"),
                Arguments.of("newer version", (UnaryOperator<BDict>) d -> with(d, "version", new BInt(2)),
                        "version 2 is newer than this build reads (1)"),
                Arguments.of("version 0", (UnaryOperator<BDict>) d -> with(d, "version", new BInt(0)),
                        "field \"version\" is 0, outside 1.."),
                Arguments.of("another kind of file", (UnaryOperator<BDict>) d -> with(d, "format", BValue.of("bitquark-settings")),
                        "format is \"bitquark-settings\", expected \"bitquark-resume\""),
                Arguments.of("short info-hash", (UnaryOperator<BDict>) d -> with(d, "info-hash", BValue.of(new byte[19])),
                        "field \"info-hash\" is 19 bytes, expected 20"),
                Arguments.of("bitfield of the wrong length", (UnaryOperator<BDict>) d -> with(d, "have", BValue.of(new byte[3])),
                        "field \"have\" is 3 bytes, expected 2 for 13 pieces"),
                Arguments.of("piece count disagreeing with the bitfield",
                        (UnaryOperator<BDict>) d -> with(d, "piece-count", new BInt(100)), "expected 13 for 100 pieces"),
                Arguments.of("spare bits set", (UnaryOperator<BDict>) d -> with(d, "have", BValue.of(new byte[] {0, 1})),
                        "spare bits set after piece 12"),
                Arguments.of("unsynced bitfield of the wrong length",
                        (UnaryOperator<BDict>) d -> with(d, "unsynced", BValue.of(new byte[1])),
                        "field \"unsynced\" is 1 bytes, expected 2 for 13 pieces"),
                Arguments.of("unsynced spare bits set",
                        (UnaryOperator<BDict>) d -> with(d, "unsynced", BValue.of(new byte[] {0, 4})),
                        "field \"unsynced\" has spare bits set after piece 12"),
                Arguments.of("a piece both durable and unsynced",
                        (UnaryOperator<BDict>) d -> with(d, "unsynced", BValue.of(new byte[] {1, 0})),
                        "claims pieces that \"have\" already lists (byte 0)"),
                Arguments.of("negative piece count", (UnaryOperator<BDict>) d -> with(d, "piece-count", new BInt(-1)),
                        "field \"piece-count\" is -1"),
                Arguments.of("unknown priority", (UnaryOperator<BDict>) d -> with(d, "priorities", BValue.of("slnx")),
                        "unknown priority 'x' for file 3"),
                Arguments.of("file sizes of another file count",
                        (UnaryOperator<BDict>) d -> with(d, "file-sizes", BList.of(new BInt(1))),
                        "field \"file-sizes\" has 1 elements, expected 4"),
                Arguments.of("file size below -1",
                        (UnaryOperator<BDict>) d -> with(d, "file-sizes", BList.of(new BInt(1), new BInt(2), new BInt(-2), new BInt(3))),
                        "field \"file-sizes[2]\" is -2"),
                Arguments.of("mtime of the wrong type",
                        (UnaryOperator<BDict>) d -> with(d, "file-mtimes", BList.of(new BInt(1), BValue.of("x"), new BInt(2), new BInt(3))),
                        "field \"file-mtimes[1]\" expected an integer"),
                Arguments.of("negative upload total", (UnaryOperator<BDict>) d -> with(d, "uploaded", new BInt(-7)),
                        "field \"uploaded\" is -7"),
                Arguments.of("negative rate limit", (UnaryOperator<BDict>) d -> with(d, "download-limit", new BInt(-1)),
                        "field \"download-limit\" is -1"),
                Arguments.of("empty save folder", (UnaryOperator<BDict>) d -> with(d, "save-dir", BValue.of("")),
                        "field \"save-dir\" is empty"),
                Arguments.of("NUL in the save folder", (UnaryOperator<BDict>) d -> with(d, "save-dir", BValue.of("/a\0b")),
                        "contains a NUL"),
                Arguments.of("save folder not UTF-8", (UnaryOperator<BDict>) d -> with(d, "save-dir", BValue.of(new byte[] {(byte) 0xff})),
                        "field \"save-dir\" is not valid UTF-8"),
                Arguments.of("error of the wrong type", (UnaryOperator<BDict>) d -> with(d, "error", new BInt(1)),
                        "field \"error\" expected a byte string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResumeData")
    void rejectsInvalidResumeDataNamingTheField(String name, UnaryOperator<BDict> change, String message) {
        byte[] bytes = edit(sample(null), change);
        PersistenceException e = assertThrows(PersistenceException.class, () -> ResumeDataCodec.decode(bytes));
        assertTrue(e.getMessage().startsWith("resume data: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage() + " should contain " + message);
    }

    @Test
    void rejectsBytesThatAreNotBencodeWithTheOffset() {
        byte[] good = ResumeDataCodec.encode(sample(null));
        for (byte[] bad : List.of(new byte[0], Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 1),
                "le".getBytes(), "i5e".getBytes())) {
            PersistenceException e = assertThrows(PersistenceException.class, () -> ResumeDataCodec.decode(bad));
            assertTrue(e.getMessage().startsWith("resume data: "), e.getMessage());
        }
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> ResumeDataCodec.decode(Arrays.copyOf(good, 30)));
        assertTrue(e.getMessage().contains("not valid bencode") && e.getMessage().contains("at byte"), e.getMessage());
    }

    @Test
    void rejectsEveryTruncationOfValidResumeData() {
        byte[] good = ResumeDataCodec.encode(sample("x"));
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(PersistenceException.class, () -> ResumeDataCodec.decode(cut), "truncated to " + n);
        }
    }

    @Test
    void roundTripsSettingsAndRejectsBadOnes() throws Exception {
        SessionSettings s = new SessionSettings(1 << 20, 0);
        assertEquals(s, SettingsCodec.decode(SettingsCodec.encode(s)));
        assertEquals(SessionSettings.DEFAULTS, SettingsCodec.decode(SettingsCodec.encode(SessionSettings.DEFAULTS)));
        byte[] negative = BEncoder.encode(with(dict(SettingsCodec.encode(s)), "upload-limit", new BInt(-1)));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SettingsCodec.decode(negative));
        assertEquals("settings: field \"upload-limit\" is -1, outside 0..9223372036854775807", e.getMessage());
        PersistenceException wrongKind = assertThrows(PersistenceException.class,
                () -> SettingsCodec.decode(ResumeDataCodec.encode(sample(null))));
        assertTrue(wrongKind.getMessage().contains("expected \"bitquark-settings\""), wrongKind.getMessage());
    }

    @Test
    void roundTripsTheSessionListInOrder() throws Exception {
        List<SessionList.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] h = new byte[20];
            h[0] = (byte) (9 - i); // descending hashes: the list order is not the hash order
            entries.add(new SessionList.Entry(InfoHash.of(h), 1000 + i));
        }
        byte[] gone = new byte[20];
        gone[5] = 1;
        SessionList list = new SessionList(entries, java.util.Set.of(InfoHash.of(gone)));
        assertEquals(list, SessionList.decode(list.encode()));
    }

    @Test
    void rejectsASessionListNamingATorrentTwice() {
        InfoHash h = InfoHash.of(new byte[20]);
        byte[] bytes = BEncoder.encode(with(dict(new SessionList(List.of(new SessionList.Entry(h, 1)), java.util.Set.of()).encode()),
                "torrents", BList.of(entry(h, 1), entry(h, 2))));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SessionList.decode(bytes));
        assertTrue(e.getMessage().contains("field \"torrents[1]\" repeats info-hash"), e.getMessage());
    }

    @Test
    void rejectsASessionListEntryWithABadHash() {
        BDict bad = BDict.builder().put("info-hash", new byte[7]).put("added-at", 1).build();
        byte[] bytes = BEncoder.encode(with(dict(SessionList.EMPTY.encode()), "torrents", BList.of(bad)));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SessionList.decode(bytes));
        assertEquals("session list: field \"torrents[0].info-hash\" expected a 20-byte string, got 7 bytes", e.getMessage());
    }

    private static BDict entry(InfoHash h, long at) {
        return BDict.builder().put("info-hash", h.toBytes()).put("added-at", at).build();
    }

    static byte[] edit(ResumeData r, UnaryOperator<BDict> change) {
        return BEncoder.encode(change.apply(dict(ResumeDataCodec.encode(r))));
    }

    static BDict dict(byte[] bytes) {
        return (BDict) BDecoder.decode(bytes);
    }

    static BDict with(BDict d, String key, BValue value) {
        BDict.Builder b = BDict.builder();
        for (String k : d.keys()) {
            if (!k.equals(key)) {
                b.put(k, d.get(k));
            }
        }
        return b.put(key, value).build();
    }

    static UnaryOperator<BDict> without(String key) {
        return d -> {
            BDict.Builder b = BDict.builder();
            for (String k : d.keys()) {
                if (!k.equals(key)) {
                    b.put(k, d.get(k));
                }
            }
            return b.build();
        };
    }
}
