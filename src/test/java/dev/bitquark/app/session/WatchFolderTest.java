package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.app.session.WatchFolder.Outcome;
import dev.bitquark.app.session.WatchFolder.Result;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch folder on a real session and engine, driven by explicit {@link WatchFolder#poll()} calls
 * (its timer is never started here): what is taken, when, and what becomes of each file.
 */
class WatchFolderTest {
    @TempDir
    Path work;
    Path in;
    Path downloads;
    EngineUnderTest engine;
    Session session;

    @BeforeEach
    void openSession() throws Exception {
        in = Files.createDirectories(work.resolve("watch"));
        downloads = Files.createDirectories(work.resolve("downloads"));
        engine = new EngineUnderTest(downloads);
        session = new Session(engine.engine, new FileSessionStore(work.resolve("state")), downloads, 60_000);
        session.restore().toCompletableFuture().get();
    }

    @AfterEach
    void closeSession() throws Exception {
        session.close();
        engine.close();
    }

    private WatchFolder watch(Path dir, boolean deleteAdded, int maxTorrentBytes) {
        return new WatchFolder(session, dir, downloads, new WatchFolder.Settings(Duration.ofSeconds(2), deleteAdded,
                maxTorrentBytes));
    }

    private WatchFolder watch() {
        return watch(in, false, 16 * 1024 * 1024);
    }

    private static byte[] torrent(int seed) throws IOException {
        byte[] data = new byte[50_000];
        new Random(seed).nextBytes(data);
        return TorrentWriter.singleFile("watched-" + seed + ".bin", data).pieceLength(16384).write();
    }

    private static Path sibling(Path f, String suffix) {
        return f.resolveSibling(f.getFileName() + suffix);
    }

    /** The file's modification time moved on, as by a writer (file systems may keep one per second or coarser). */
    private static void touch(Path f, long offsetSeconds) throws IOException {
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + offsetSeconds * 1000));
    }

    /**
     * The folder an add goes to is asked at each add (the default output folder may change meanwhile); when it is
     * no longer usable (it became a link leading out of the download folder), the file is refused with the reason.
     */
    @Test
    void aSaveFolderThatIsNoLongerUsableRefusesTheFileWithTheReason() throws Exception {
        Path f = Files.write(in.resolve("later.torrent"), torrent(77));
        WatchFolder w = new WatchFolder(session, in, () -> {
            throw new IllegalArgumentException("defaultOutputFolder tv leads outside the download folder");
        }, new WatchFolder.Settings(Duration.ofSeconds(2), false, 16 * 1024 * 1024));
        w.poll();
        List<Outcome> done = w.poll();
        assertEquals(1, done.size(), done.toString());
        assertEquals(Result.INVALID, done.get(0).result());
        assertTrue(Files.readString(sibling(f, ".error.txt")).contains("leads outside the download folder"));
        assertTrue(session.handles().isEmpty());
    }

    @Test
    void stableTorrentIsAddedAndRenamedAdded() throws Exception {
        byte[] t = torrent(1);
        Path f = Files.write(in.resolve("one.torrent"), t);
        WatchFolder w = watch();
        assertEquals(List.of(), w.poll(), "first sight: not yet known to be complete");
        List<Outcome> done = w.poll();
        assertEquals(1, done.size(), done.toString());
        assertEquals(Result.ADDED, done.get(0).result());
        assertNotNull(session.handle(Metainfo.parse(t).infoHash()));
        assertFalse(Files.exists(f));
        assertTrue(Files.exists(sibling(f, ".added")));
        assertEquals(List.of(), w.poll());
    }

    @Test
    void halfWrittenTorrentIsTakenOnlyOnceItStopsChanging() throws Exception {
        byte[] t = torrent(2);
        Path f = in.resolve("slow.torrent");
        WatchFolder w = watch();
        Files.write(f, Arrays.copyOf(t, t.length / 3));
        assertEquals(List.of(), w.poll());
        Files.write(f, Arrays.copyOfRange(t, t.length / 3, 2 * t.length / 3), StandardOpenOption.APPEND);
        assertEquals(List.of(), w.poll(), "grew since the last poll");
        Files.write(f, Arrays.copyOfRange(t, 2 * t.length / 3, t.length), StandardOpenOption.APPEND);
        assertEquals(List.of(), w.poll(), "grew since the last poll");
        assertTrue(Files.exists(f));
        assertEquals(Result.ADDED, w.poll().get(0).result());
    }

    @Test
    void fileRewrittenWithTheSameSizeWaitsForItsTimeToSettle() throws Exception {
        byte[] t = torrent(3);
        Path f = Files.write(in.resolve("same-size.torrent"), new byte[t.length]);
        WatchFolder w = watch();
        assertEquals(List.of(), w.poll());
        Files.write(f, t);
        touch(f, 5);
        assertEquals(List.of(), w.poll(), "same size, new time: still changing");
        assertEquals(Result.ADDED, w.poll().get(0).result());
    }

    @Test
    void malformedTorrentIsRenamedInvalidWithTheParseErrorAndNotRetried() throws Exception {
        byte[] bad = "d4:infoi3ee".getBytes(StandardCharsets.US_ASCII);
        String parseError = assertThrows(BadTorrentException.class, () -> Metainfo.parse(bad)).getMessage();
        Path f = Files.write(in.resolve("bad.torrent"), bad);
        WatchFolder w = watch();
        w.poll();
        List<Outcome> done = w.poll();
        assertEquals(Result.INVALID, done.get(0).result());
        assertTrue(Files.exists(sibling(f, ".invalid")));
        assertFalse(Files.exists(f));
        String reason = Files.readString(sibling(f, ".error.txt"));
        assertTrue(reason.contains(parseError), reason);
        assertTrue(w.status().lastFailure().contains(parseError), w.status().toString());
        assertEquals(List.of(), w.poll());
        assertEquals(List.of(), w.poll());
    }

    @Test
    void torrentAlreadyInTheSessionIsConsumedNotRefused() throws Exception {
        byte[] t = torrent(4);
        session.add(t, TorrentOptions.defaults(downloads)).toCompletableFuture().get();
        Path f = Files.write(in.resolve("again.torrent"), t);
        WatchFolder w = watch();
        w.poll();
        List<Outcome> done = w.poll();
        assertEquals(Result.DUPLICATE, done.get(0).result());
        assertEquals(Metainfo.parse(t).infoHash().toHex(), done.get(0).detail());
        assertTrue(Files.exists(sibling(f, ".added")));
        assertFalse(Files.exists(sibling(f, ".error.txt")));
        assertNull(w.status().lastFailure());
    }

    @Test
    void addedFileIsDeletedWhenConfiguredSo() throws Exception {
        Path f = Files.write(in.resolve("gone.torrent"), torrent(5));
        WatchFolder w = watch(in, true, 16 * 1024 * 1024);
        w.poll();
        assertEquals(Result.ADDED, w.poll().get(0).result());
        assertFalse(Files.exists(f));
        assertFalse(Files.exists(sibling(f, ".added")));
    }

    @Test
    void torrentLargerThanTheUploadLimitIsRefusedUnread() throws Exception {
        byte[] t = torrent(6);
        Path f = Files.write(in.resolve("big.torrent"), t);
        WatchFolder w = watch(in, false, t.length - 1);
        w.poll();
        Outcome o = w.poll().get(0);
        assertEquals(Result.INVALID, o.result());
        assertTrue(o.detail().contains("file is " + t.length + " bytes"), o.detail());
        assertTrue(Files.readString(sibling(f, ".error.txt")).contains("at most " + (t.length - 1)));
    }

    @Test
    void aMagnetFileIsAddedAndWaitsForItsMetadata() throws Exception {
        String hash = "cd".repeat(20);
        Path f = Files.writeString(in.resolve("show.magnet"), "magnet:?xt=urn:btih:" + hash + "&dn=show\n");
        WatchFolder w = watch();
        w.poll();
        Outcome o = w.poll().get(0);
        assertEquals(Result.ADDED, o.result(), o.toString());
        assertTrue(Files.exists(sibling(f, ".added")));
        var handle = session.handle(dev.bitquark.metainfo.InfoHash.fromHex(hash));
        assertTrue(handle != null && !handle.hasMetadata(), "in the session, fetching its metadata");
        Files.writeString(in.resolve("again.magnet"), "magnet:?xt=urn:btih:" + hash);
        w.poll();
        assertEquals(Result.DUPLICATE, w.poll().get(0).result());
    }

    @Test
    void malformedMagnetIsRefusedWithItsParseError() throws Exception {
        String link = "magnet:?xt=urn:btih:not-a-hash&dn=x";
        String parseError = assertThrows(BadMagnetException.class, () -> Magnet.parse(link)).getMessage();
        Path f = Files.writeString(in.resolve("bad.magnet"), "\n  \n" + link + "\n");
        WatchFolder w = watch();
        w.poll();
        Outcome o = w.poll().get(0);
        assertEquals(Result.INVALID, o.result());
        assertTrue(o.detail().contains(parseError), o.detail());
        assertTrue(Files.exists(sibling(f, ".invalid")));
        assertTrue(Files.readString(sibling(f, ".error.txt")).contains(parseError));
    }

    @Test
    void magnetFileWithoutALinkOrNotTextIsRefused() throws Exception {
        Files.writeString(in.resolve("blank.magnet"), " \n\t\n");
        Files.write(in.resolve("binary.magnet"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        Files.write(in.resolve("huge.magnet"), new byte[WatchFolder.MAX_MAGNET_FILE_BYTES + 1]);
        WatchFolder w = watch();
        w.poll();
        List<Outcome> done = w.poll();
        assertEquals(3, done.size(), done.toString());
        assertTrue(done.stream().allMatch(o -> o.result() == Result.INVALID), done.toString());
        assertTrue(done.get(0).detail().contains("not a text file"), done.toString());
        assertTrue(done.get(1).detail().contains("holds no magnet link"), done.toString());
        assertTrue(done.get(2).detail().contains("may have at most " + WatchFolder.MAX_MAGNET_FILE_BYTES), done.toString());
    }

    @Test
    void hiddenInProgressLinkedAndFolderEntriesAreLeftAlone() throws Exception {
        byte[] t = torrent(7);
        Path hidden = Files.write(in.resolve(".hidden.torrent"), t);
        Path part = Files.write(in.resolve("x.torrent.part"), t);
        Path crdownload = Files.write(in.resolve("x.torrent.crdownload"), t);
        Path elsewhere = Files.write(work.resolve("elsewhere.torrent"), t);
        Path link = Files.createSymbolicLink(in.resolve("link.torrent"), elsewhere);
        Path folder = Files.createDirectories(in.resolve("folder.torrent"));
        WatchFolder w = watch();
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), w.poll());
        }
        for (Path p : List.of(hidden, part, crdownload, link, folder, elsewhere)) {
            assertTrue(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p + " untouched");
        }
        assertNull(session.handle(Metainfo.parse(t).infoHash()));
    }

    @Test
    void missingFolderIsReportedAndWatchedOnceItAppears() throws Exception {
        Path later = work.resolve("not-yet");
        WatchFolder w = watch(later, false, 16 * 1024 * 1024);
        assertEquals(List.of(), w.poll());
        assertTrue(w.status().problem().contains("does not exist"), w.status().toString());
        assertEquals(List.of(), w.poll());
        Files.createDirectories(later);
        Files.write(later.resolve("late.torrent"), torrent(8));
        assertEquals(List.of(), w.poll());
        assertNull(w.status().problem());
        assertEquals(Result.ADDED, w.poll().get(0).result());
        assertEquals(4, w.status().polls());
    }

    @Test
    void refusedFileThatCannotBeRenamedIsNotRetriedUntilItChanges() throws Exception {
        Path f = Files.write(in.resolve("stuck.torrent"), "not bencode".getBytes(StandardCharsets.US_ASCII));
        // A non-empty folder in the way: renaming onto it fails, even for root.
        Files.createDirectories(sibling(f, ".invalid").resolve("occupied"));
        WatchFolder w = watch();
        w.poll();
        assertEquals(Result.INVALID, w.poll().get(0).result());
        assertTrue(Files.exists(f), "still there");
        assertEquals(List.of(), w.poll(), "not retried");
        assertEquals(List.of(), w.poll(), "not retried");
        Files.write(f, torrent(9));
        touch(f, 5);
        assertEquals(List.of(), w.poll(), "changed: settles again");
        List<Outcome> done = w.poll();
        assertEquals(Result.ADDED, done.get(0).result(), done.toString());
    }
}
