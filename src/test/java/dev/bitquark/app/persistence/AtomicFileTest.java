package dev.bitquark.app.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.app.persistence.AtomicFile.Generation;
import dev.bitquark.app.persistence.AtomicFile.Loaded;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing, validation and generation fallback of {@link AtomicFile} (RELIABILITY #16). */
class AtomicFileTest {
    static final byte[] OLD = "old state: the torrents of yesterday".getBytes(UTF_8);
    static final byte[] NEW = "new state: the torrents of today, a little longer".getBytes(UTF_8);

    @TempDir
    Path dir;

    private AtomicFile file() {
        return new AtomicFile(dir.resolve("state.bq"));
    }

    private static String text(Loaded<byte[]> l) {
        return l.value() == null ? null : new String(l.value(), UTF_8);
    }

    @Test
    void roundTripsThePayload() throws Exception {
        file().write(NEW);
        Loaded<byte[]> l = file().read();
        assertArrayEquals(NEW, l.value());
        assertEquals(Generation.CURRENT, l.generation());
        assertFalse(l.damaged());
        assertEquals(AtomicFile.HEADER_LENGTH + NEW.length, Files.size(dir.resolve("state.bq")));
    }

    @Test
    void roundTripsAnEmptyPayload() throws Exception {
        file().write(new byte[0]);
        assertArrayEquals(new byte[0], file().read().value());
    }

    @Test
    void keepsThePreviousGenerationBesideTheCurrentOne() throws Exception {
        AtomicFile f = file();
        f.write("one".getBytes(UTF_8));
        assertFalse(Files.exists(f.previousPath()), "a first save has no previous generation");
        f.write("two".getBytes(UTF_8));
        f.write("three".getBytes(UTF_8));
        assertEquals("three", new String(AtomicFile.unframe(Files.readAllBytes(f.path())), UTF_8));
        assertEquals("two", new String(AtomicFile.unframe(Files.readAllBytes(f.previousPath())), UTF_8));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("state.bq", "state.bq.1"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFileNeverSavedReadsAsNothingWithoutProblems() {
        Loaded<byte[]> l = file().read();
        assertNull(l.value());
        assertEquals(Generation.NONE, l.generation());
        assertFalse(l.damaged());
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("0-byte file", (UnaryOperator<byte[]>) b -> new byte[0], "empty"),
                Arguments.of("truncated to 1 byte", cut(1), "truncated"),
                Arguments.of("truncated inside the header", cut(9), "truncated"),
                Arguments.of("truncated after the magic and version", cut(8), "truncated"),
                Arguments.of("header only", cut(AtomicFile.HEADER_LENGTH), "truncated"),
                Arguments.of("truncated one byte into the payload", cut(AtomicFile.HEADER_LENGTH + 1), "truncated"),
                Arguments.of("half the payload", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length / 2 + 8), "truncated"),
                Arguments.of("last byte missing", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 1), "truncated"),
                Arguments.of("random bytes", (UnaryOperator<byte[]>) b -> random(b.length, 7), "magic"),
                Arguments.of("random bytes, other length", (UnaryOperator<byte[]>) b -> random(3000, 8), "magic"),
                Arguments.of("wrong magic", patch(0, (byte) 'X'), "magic"),
                Arguments.of("frame version 2", (UnaryOperator<byte[]>) b -> putInt(b, 4, 2), "version 2"),
                Arguments.of("frame version 0", (UnaryOperator<byte[]>) b -> putInt(b, 4, 0), "version 0"),
                Arguments.of("length larger than the file", (UnaryOperator<byte[]>) b -> putInt(b, 8, b.length), "truncated"),
                Arguments.of("length beyond the limit", (UnaryOperator<byte[]>) b -> putInt(b, 8, -1), "limit"),
                Arguments.of("length smaller than the file", (UnaryOperator<byte[]>) b -> putInt(b, 8, 3), "unexpected bytes"),
                Arguments.of("trailing garbage", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 5), "unexpected bytes"),
                Arguments.of("one bit flipped in the payload", flip(AtomicFile.HEADER_LENGTH + 3), "checksum mismatch"),
                Arguments.of("one bit flipped in the checksum", flip(13), "checksum mismatch"),
                Arguments.of("payload zeroed (delayed allocation after a crash)",
                        (UnaryOperator<byte[]>) b -> {
                            byte[] c = b.clone();
                            Arrays.fill(c, AtomicFile.HEADER_LENGTH, c.length, (byte) 0);
                            return c;
                        }, "checksum mismatch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aDamagedCurrentFileFallsBackToThePreviousGeneration(String name, UnaryOperator<byte[]> damage, String reason)
            throws Exception {
        AtomicFile f = file();
        f.write(OLD);
        f.write(NEW);
        Files.write(f.path(), damage.apply(Files.readAllBytes(f.path())));

        Loaded<byte[]> l = f.read();
        assertEquals(new String(OLD, UTF_8), text(l));
        assertEquals(Generation.PREVIOUS, l.generation());
        assertEquals(1, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().getFirst().startsWith("state.bq: "), l.problems().toString());
        assertTrue(l.problems().getFirst().contains(reason), l.problems() + " should say " + reason);
        assertTrue(l.describe(f.path()).contains("previous generation"), l.describe(f.path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void bothGenerationsDamagedReadsAsNothingAndSaysWhy(String name, UnaryOperator<byte[]> damage, String reason)
            throws Exception {
        AtomicFile f = file();
        f.write(OLD);
        f.write(NEW);
        Files.write(f.path(), damage.apply(Files.readAllBytes(f.path())));
        Files.write(f.previousPath(), damage.apply(Files.readAllBytes(f.previousPath())));

        Loaded<byte[]> l = f.read();
        assertNull(l.value());
        assertEquals(Generation.NONE, l.generation());
        assertEquals(2, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(1).startsWith("state.bq.1: "), l.problems().toString());
        assertTrue(l.damaged());
    }

    @Test
    void aMissingCurrentFileFallsBackToThePreviousGeneration() throws Exception {
        AtomicFile f = file();
        f.write(OLD);
        f.write(NEW);
        Files.delete(f.path());
        Loaded<byte[]> l = f.read();
        assertArrayEquals(OLD, l.value());
        assertEquals(List.of("state.bq: missing"), l.problems());
    }

    @Test
    void aPayloadTheParserRejectsFallsBackToThePreviousGeneration() throws Exception {
        AtomicFile f = file();
        f.write(OLD);
        f.write(NEW);
        Loaded<String> l = f.read(p -> {
            String s = new String(p, UTF_8);
            if (s.startsWith("new")) {
                throw new PersistenceException("payload version 9 is newer than this build reads");
            }
            return s;
        });
        assertEquals(new String(OLD, UTF_8), l.value());
        assertEquals(List.of("state.bq: payload version 9 is newer than this build reads"), l.problems());
    }

    @Test
    void aParserThatThrowsUncheckedStillOnlyCountsAsDamage() throws Exception {
        file().write(NEW);
        Loaded<Object> l = file().read(p -> {
            throw new IllegalStateException("bug");
        });
        assertNull(l.value());
        assertTrue(l.problems().getFirst().contains("bug"), l.problems().toString());
    }

    @Test
    void aDamagedCurrentFileIsNotKeptOverAValidPreviousGeneration() throws Exception {
        AtomicFile f = file();
        f.write(OLD);
        f.write(NEW);
        Files.write(f.path(), new byte[0]);
        f.write("newest".getBytes(UTF_8));
        assertEquals("newest", text(f.read()));
        assertArrayEquals(OLD, AtomicFile.unframe(Files.readAllBytes(f.previousPath())),
                "the valid previous generation survives; the 0-byte file is not rotated into its place");
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws Exception {
        AtomicFile f = file();
        try (RandomAccessFile raf = new RandomAccessFile(f.path().toFile(), "rw")) {
            raf.setLength(AtomicFile.HEADER_LENGTH + (long) AtomicFile.MAX_PAYLOAD + 1); // sparse
        }
        Loaded<byte[]> l = f.read();
        assertNull(l.value());
        assertTrue(l.problems().getFirst().contains("more than the limit"), l.problems().toString());
    }

    @Test
    void cleanupDeletesLeftoversOfInterruptedSavesOnly() throws Exception {
        file().write(NEW);
        Files.write(dir.resolve("state.bq.tmp-abc"), new byte[] {1});
        Files.write(dir.resolve("state.bq.1.tmp-xyz"), new byte[] {2});
        Files.write(dir.resolve("notes.txt"), new byte[] {3});
        assertEquals(2, AtomicFile.cleanup(dir));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("notes.txt", "state.bq"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(NEW, file().read().value());
    }

    @Test
    void writeOnceWritesTheBytesAsTheyAre() throws Exception {
        Path target = dir.resolve("x.torrent");
        AtomicFile.writeOnce(target, NEW);
        assertArrayEquals(NEW, Files.readAllBytes(target));
        AtomicFile.writeOnce(target, OLD);
        assertArrayEquals(OLD, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no tmp file and no previous generation");
        }
    }

    @Test
    void aSaveFollowsTheRecipeOrder() throws Exception {
        file().write(OLD);
        FaultyIo io = new FaultyIo();
        new AtomicFile(dir.resolve("state.bq"), io).write(NEW);
        // force before any rename, keep the old file before replacing it, sync the folder last
        assertEquals(List.of("create", "write", "force", "link", "move", "move", "syncDir"), io.steps());
    }

    @Test
    void shortWritesAreRepeatedUntilEveryByteIsWritten() throws Exception {
        int[] calls = {0};
        Io trickle = new Io.Forwarding() {
            @Override
            public int write(java.nio.channels.FileChannel channel, ByteBuffer src) throws IOException {
                calls[0]++;
                ByteBuffer few = src.duplicate();
                few.limit(Math.min(src.limit(), src.position() + 5));
                int n = SYSTEM.write(channel, few);
                src.position(src.position() + n);
                return n;
            }
        };
        new AtomicFile(dir.resolve("state.bq"), trickle).write(NEW);
        assertArrayEquals(NEW, file().read().value());
        assertEquals((AtomicFile.HEADER_LENGTH + NEW.length + 4) / 5, calls[0]);
    }

    private static UnaryOperator<byte[]> cut(int length) {
        return b -> Arrays.copyOf(b, length);
    }

    private static UnaryOperator<byte[]> patch(int offset, byte value) {
        return b -> {
            byte[] c = b.clone();
            c[offset] = value;
            return c;
        };
    }

    private static UnaryOperator<byte[]> flip(int offset) {
        return b -> {
            byte[] c = b.clone();
            c[offset] ^= 0x10;
            return c;
        };
    }

    private static byte[] putInt(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(offset, value);
        return c;
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
