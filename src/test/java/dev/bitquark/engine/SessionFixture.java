package dev.bitquark.engine;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * In-process swarm helpers for the session tests: payloads, multi-file torrents made with
 * {@link TorrentWriter}, a seeding engine, waiting with a deadline, and a recording listener.
 */
final class SessionFixture {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private SessionFixture() {}

    static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A multi-file torrent {@code name} with files f0.bin, f1.bin, ... holding {@code files}. */
    static Metainfo multiFile(String name, int pieceLength, byte[]... files) throws Exception {
        TorrentWriter w = TorrentWriter.multiFile(name).pieceLength(pieceLength);
        for (int i = 0; i < files.length; i++) {
            w.addFile(List.of("f" + i + ".bin"), files[i]);
        }
        return Metainfo.parse(w.write());
    }

    /** Writes the files of a {@link #multiFile} torrent under {@code dir/name}. */
    static void writeFiles(Path dir, String name, byte[]... files) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root);
        for (int i = 0; i < files.length; i++) {
            Files.write(root.resolve("f" + i + ".bin"), files[i]);
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return EngineUnderTest.await(f, TIMEOUT);
    }

    static TorrentStats stats(TorrentHandle h) throws Exception {
        return await(h.stats());
    }

    /** Adds {@code meta} to {@code engine} over complete data in {@code dir} and waits until it seeds. */
    static TorrentHandle seed(EngineUnderTest engine, Metainfo meta, Path dir) throws Exception {
        TorrentHandle h = await(engine.engine.add(meta, TorrentOptions.defaults(dir)));
        EngineUnderTest.awaitFinished(h, TIMEOUT);
        return h;
    }

    /** Each of {@code seeders} uploads at most {@code uploadLimit} bytes/s and seeds {@code meta} from {@code dir}. */
    static void seedThrottled(Metainfo meta, Path dir, long uploadLimit, EngineUnderTest... seeders) throws Exception {
        for (EngineUnderTest s : seeders) {
            await(s.engine.setRateLimits(0, uploadLimit));
            seed(s, meta, dir);
        }
    }

    static List<InetSocketAddress> peersOf(EngineUnderTest... engines) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (EngineUnderTest e : engines) {
            out.add(new InetSocketAddress("127.0.0.1", e.engine.peerPort()));
        }
        return out;
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after the timeout. */
    static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static void waitForState(TorrentHandle h, TorrentState state) throws Exception {
        waitUntil("state " + state, () -> stats(h).state() == state);
    }

    /** Records every event, in order, as text ("LIVE", "finished", "removed", ...). */
    static final class Recorder implements EngineListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void stateChanged(dev.bitquark.metainfo.InfoHash torrent, TorrentState state, String error) {
            events.add(error == null ? state.name() : state + ": " + error);
        }

        @Override
        public void finished(dev.bitquark.metainfo.InfoHash torrent) {
            events.add("finished");
        }

        @Override
        public void metadataReceived(dev.bitquark.metainfo.InfoHash torrent, Metainfo metainfo) {
            events.add("metadata");
        }

        @Override
        public void removed(dev.bitquark.metainfo.InfoHash torrent) {
            events.add("removed");
        }

        @Override
        public void resumeDataChanged(dev.bitquark.metainfo.InfoHash torrent) {
            events.add("resume");
        }

        List<String> states() {
            synchronized (events) {
                return events.stream().filter(e -> !e.equals("resume")).toList();
            }
        }
    }
}
