package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Reading files while they download ({@link FileStream}): the pieces a read needs are fetched before the rest,
 * and waiting reads end clearly when their bytes cannot come (pause, skip, close, removal).
 */
@LoopbackSwarm
class FileStreamTest {
    private static final int PIECE = 65536;

    @TempDir
    Path work;

    private static Throwable failure(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(f));
        return e.getCause();
    }

    private static StreamException.Kind kind(Future<?> f) {
        return assertInstanceOf(StreamException.class, failure(f)).kind();
    }

    private static byte[] slice(byte[] data, long offset, int length) {
        return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
    }

    @Test
    void readsNearTheEndOfAFileArriveLongBeforeTheRestOfIt() throws Exception {
        byte[] movie = payload(24 << 20, 11);
        byte[] subtitles = payload(100_000, 12);
        Metainfo meta = SessionFixture.multiFile("film", PIECE, movie, subtitles);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "film", movie, subtitles);
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(work.resolve("out"))) {
            TorrentHandle s = seed(seeder, meta, seedDir);
            await(s.setRateLimits(0, 1 << 20)); // 24 s for the whole file
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(work.resolve("out"))));
            await(h.addPeers(peersOf(seeder)));
            waitUntil("the download is under way", () -> stats(h).havePieces() >= 4);

            FileStream stream = await(h.openStream(0));
            assertEquals(movie.length, stream.length());
            // Each read straddles a piece boundary; piece order is random otherwise, so two pieces of each read
            // arriving within the first half of the download by chance is unlikely (1 in 16 for both reads).
            long[] offsets = {movie.length - 70_000, (long) (movie.length * 0.7) + 30_000};
            List<String> progress = new ArrayList<>();
            for (long offset : offsets) {
                Buffer b = await(stream.read(offset, 70_000));
                assertArrayEquals(slice(movie, offset, 70_000), b.getBytes(), "bytes at " + offset);
                TorrentStats st = stats(h);
                progress.add(st.havePieces() + "/" + st.pieceCount());
                assertTrue(st.havePieces() < st.pieceCount() / 2, "read at " + offset + " done with " + progress);
                assertFalse(st.finished());
            }
            await(stream.close());

            FileStream subs = await(h.openStream(1));
            await(subs.awaitRange(0, subtitles.length)); // a wait over several pieces
            assertArrayEquals(subtitles, await(subs.read(0, subtitles.length)).getBytes());
            assertFalse(stats(h).finished());
        }
    }

    @Test
    void waitingReadsEndWhenTheirBytesCannotCome() throws Exception {
        byte[][] files = {payload(8 * PIECE, 21), payload(2 * PIECE, 22)};
        Metainfo meta = SessionFixture.multiFile("gone", PIECE, files);
        try (EngineUnderTest e = new EngineUnderTest(work.resolve("out"))) {
            TorrentHandle h = await(e.engine.add(meta, TorrentOptions.defaults(work.resolve("out"))));
            SessionFixture.waitForState(h, TorrentState.LIVE);
            FileStream stream = await(h.openStream(0));

            Future<Buffer> waiting = stream.read(PIECE, 100); // no peers: waits
            assertInstanceOf(IllegalStateException.class, failure(stream.read(0, 10)), "one waiting read at a time");
            await(h.pause());
            assertEquals(StreamException.Kind.TORRENT_STOPPED, kind(waiting));
            assertTrue(failure(stream.read(0, 10)).getMessage().contains("is paused"), "paused: missing bytes fail at once");

            await(h.resume());
            waiting = stream.read(3 * PIECE, 10);
            await(h.setFilePriority(0, FilePriority.SKIP));
            assertEquals(StreamException.Kind.FILE_SKIPPED, kind(waiting));
            assertEquals(StreamException.Kind.FILE_SKIPPED, kind(h.openStream(0)));
            assertTrue(failure(h.openStream(0)).getMessage().contains("f0.bin"), "names the file");

            FileStream other = await(h.openStream(1));
            waiting = other.read(0, 10);
            await(other.close());
            assertEquals(StreamException.Kind.CLOSED, kind(waiting));
            assertEquals(StreamException.Kind.CLOSED, kind(other.read(0, 10)));

            FileStream last = await(h.openStream(1));
            waiting = last.read(0, 10);
            await(e.engine.remove(h.infoHash(), true));
            assertEquals(StreamException.Kind.TORRENT_REMOVED, kind(waiting));
        }
    }

    @Test
    void streamsAreBoundedAndReadsMustFitTheFile() throws Exception {
        byte[][] files = {payload(3 * PIECE + 123, 31), payload(0, 32), payload(5000, 33)};
        Metainfo meta = SessionFixture.multiFile("done", PIECE, files);
        Path dir = work.resolve("seed");
        SessionFixture.writeFiles(dir, "done", files);
        try (EngineUnderTest e = new EngineUnderTest(dir)) {
            TorrentHandle h = seed(e, meta, dir);
            await(h.pause()); // bytes already downloaded stay readable
            FileStream s = await(h.openStream(0));
            long at = 3L * PIECE - 1000;
            assertArrayEquals(slice(files[0], at, 1123), await(s.read(at, 1123)).getBytes());
            assertEquals(0, await(s.read(files[0].length, 0)).length());
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class,
                    failure(s.read(at, 1124)), "past the end of the file").kind());
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class,
                    failure(s.read(-1, 1))).kind());
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class,
                    failure(s.read(0, FileStream.MAX_READ + 1))).kind());
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class,
                    failure(h.openStream(3))).kind());
            assertEquals(0, await(await(h.openStream(1)).read(0, 0)).length(), "an empty file reads empty");
            assertArrayEquals(files[2], await(await(h.openStream(2)).read(0, 5000)).getBytes());

            List<FileStream> more = new ArrayList<>();
            for (int i = 3; i < FileStream.MAX_STREAMS_PER_TORRENT; i++) {
                more.add(await(h.openStream(2)));
            }
            assertEquals(StreamException.Kind.TOO_MANY_STREAMS, kind(h.openStream(2)));
            await(more.get(0).close());
            await(more.get(0).close()); // idempotent
            await(h.openStream(2)); // room again
        }
    }
}
