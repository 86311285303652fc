package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentWriterTest {
    private static final int PL = 16384;

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] expectedPieces(byte[] payload, int pl) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < payload.length; off += pl) {
            out.writeBytes(MessageDigest.getInstance("SHA-1")
                    .digest(Arrays.copyOfRange(payload, off, Math.min(payload.length, off + pl))));
        }
        return out.toByteArray();
    }

    @Test
    void writesCanonicalSingleFileTorrent() throws Exception {
        byte[] payload = random(50_000, 1);
        byte[] t = TorrentWriter.singleFile("data.bin", payload).pieceLength(PL).announce("http://t.example/a")
                .comment("c").creationDate(Instant.ofEpochSecond(1_600_000_000L)).setPrivate(true).write();
        // Strict decoding succeeds only for sorted keys; re-encoding gives the same bytes.
        assertArrayEquals(t, BEncoder.encode(BDecoder.decode(t)));
        BDict root = (BDict) BDecoder.decode(t);
        BDict info = root.getDict("info");
        assertEquals("data.bin", info.getString("name"));
        assertEquals(50_000L, info.getInt("length"));
        assertEquals(1L, info.getInt("private"));
        assertArrayEquals(expectedPieces(payload, PL), info.getBytes("pieces"));
        assertEquals("http://t.example/a", root.getString("announce"));
        assertEquals("bitquark", root.getString("created by"));
        assertEquals(1_600_000_000L, root.getInt("creation date"));
        Metainfo m = Metainfo.parse(t);
        assertTrue(m.isPrivate());
        assertEquals(List.of(List.of("http://t.example/a")), m.announceTiers());
    }

    @Test
    void hashesPiecesAcrossFileBoundaries() throws Exception {
        byte[] a = random(10_000, 2);
        byte[] b = random(0, 3);
        byte[] c = random(30_000, 4);
        Metainfo m = TorrentWriter.multiFile("set").pieceLength(PL)
                .addFile(List.of("a.bin"), a).addFile(List.of("sub", "b.bin"), b).addFile(List.of("sub", "c.bin"), c)
                .writeMetainfo();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(a);
        all.writeBytes(c);
        assertArrayEquals(expectedPieces(all.toByteArray(), PL), m.pieceHashes());
        assertEquals(List.of("sub", "c.bin"), m.files().get(2).path());
        assertEquals(10_000, m.files().get(2).offset());
        assertEquals(List.of("set", "sub", "c.bin"), m.storagePath(2));
    }

    @Test
    void alignsFilesWithBep47Padding() throws Exception {
        byte[] a = random(100, 5);
        byte[] c = random(PL + 7, 6);
        Metainfo m = TorrentWriter.multiFile("padded").pieceLength(PL).alignFilesWithPadding(true)
                .addFile(List.of("a"), a).addFile(List.of("empty"), new byte[0]).addFile(List.of("c"), c).writeMetainfo();
        List<FileEntry> f = m.files();
        assertEquals(4, f.size());
        assertEquals(List.of(".pad", Integer.toString(PL - 100)), f.get(2).path());
        assertTrue(f.get(2).padding());
        assertEquals("p", f.get(2).attributes());
        assertEquals(PL, f.get(3).offset());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(a);
        all.writeBytes(new byte[PL - 100]);
        all.writeBytes(c);
        assertArrayEquals(expectedPieces(all.toByteArray(), PL), m.pieceHashes());
    }

    @Test
    void createsTorrentFromDirectoryInSortedOrder() throws Exception {
        Path root = Files.createDirectories(dir.resolve("album"));
        Files.createDirectories(root.resolve("b"));
        Files.write(root.resolve("b").resolve("2.txt"), random(20, 7));
        Files.write(root.resolve("a.txt"), random(30, 8));
        Files.write(root.resolve("c.txt"), random(40, 9));
        Metainfo m = TorrentWriter.fromPath(root).writeMetainfo();
        assertEquals("album", m.name());
        assertEquals(List.of(List.of("a.txt"), List.of("b", "2.txt"), List.of("c.txt")),
                m.files().stream().map(FileEntry::path).toList());
        assertEquals(90, m.totalLength());
        assertEquals(TorrentWriter.MIN_PIECE_LENGTH, m.pieceLength());

        Metainfo single = TorrentWriter.fromPath(root.resolve("c.txt")).writeMetainfo();
        assertFalse(single.isMultiFile());
        assertEquals("c.txt", single.name());
    }

    @Test
    void detectsFileChangedBeforeHashing() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[100]);
        TorrentWriter w = TorrentWriter.singleFile(f);
        Files.write(f, new byte[50]);
        assertTrue(assertThrows(IOException.class, w::write).getMessage().contains("shrank"));
        Files.write(f, new byte[150]);
        assertTrue(assertThrows(IOException.class, w::write).getMessage().contains("grew"));
    }

    @Test
    void rejectsUnsafeNamesAndBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> TorrentWriter.singleFile("../x", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> TorrentWriter.multiFile("d").addFile(List.of("a", ".."), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> TorrentWriter.multiFile("d").addFile(List.of(), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> TorrentWriter.multiFile("d").pieceLength(20_000));
        assertThrows(IllegalArgumentException.class, () -> TorrentWriter.multiFile("d").pieceLength(8192));
        assertThrows(IllegalStateException.class, () -> TorrentWriter.singleFile("x", new byte[1]).addFile(List.of("y"), new byte[1]));
        assertThrows(IllegalStateException.class, () -> TorrentWriter.multiFile("d").write());
        assertThrows(IllegalStateException.class, () -> TorrentWriter.singleFile("x", new byte[0]).write());
    }

    @Test
    void choosesPieceLengthForAbout1500Pieces() {
        assertEquals(16 * 1024, TorrentWriter.defaultPieceLength(1000));
        assertEquals(1024 * 1024, TorrentWriter.defaultPieceLength(1_500L * 1024 * 1024));
        assertEquals(TorrentWriter.MAX_PIECE_LENGTH, TorrentWriter.defaultPieceLength(1L << 50));
    }

    @Test
    void writesTrackerTiersAndWebSeeds() throws Exception {
        Metainfo m = TorrentWriter.singleFile("x", new byte[1]).announceTier(List.of("udp://a.example:1", "udp://b.example:1"))
                .announce("http://c.example/a").webSeed("https://ws.example/x").writeMetainfo();
        assertEquals(List.of(List.of("udp://a.example:1", "udp://b.example:1"), List.of("http://c.example/a")),
                m.announceTiers());
        assertEquals(List.of("https://ws.example/x"), m.urlList());
    }
}
