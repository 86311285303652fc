package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetainfoTest {
    private static final int PL = 16384;

    static byte[] sha1(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(b);
    }

    private static BList path(String... parts) {
        return new BList(Arrays.stream(parts).<BValue>map(BValue::of).toList());
    }

    private static BDict file(long length, String... parts) {
        return BDict.builder().put("length", length).put("path", path(parts)).build();
    }

    /** A multi-file info dict with correct piece count (hash values are dummies). */
    private static BDict.Builder multiInfo(BDict... files) {
        long total = 0;
        for (BDict f : files) {
            total += f.getInt("length");
        }
        int pieces = (int) ((total + PL - 1) / PL);
        return BDict.builder().put("name", "dir").put("piece length", PL).put("pieces", new byte[20 * pieces])
                .put("files", new BList(List.of(files)));
    }

    private static BDict.Builder singleInfo(long length) {
        int pieces = (int) ((length + PL - 1) / PL);
        return BDict.builder().put("name", "a.bin").put("piece length", PL).put("length", length)
                .put("pieces", new byte[20 * pieces]);
    }

    private static byte[] torrent(BDict info) {
        return BEncoder.encode(BDict.builder().put("announce", "http://t.example/announce").put("info", info).build());
    }

    private static Metainfo parse(BDict info) throws BadTorrentException {
        return Metainfo.parse(torrent(info));
    }

    private static BadTorrentException reject(BDict info, String field) {
        BadTorrentException e = assertThrows(BadTorrentException.class, () -> parse(info));
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }

    private static BadTorrentException reject(byte[] torrent) {
        return assertThrows(BadTorrentException.class, () -> Metainfo.parse(torrent));
    }

    // --- basics

    @Test
    void parsesSingleFileTorrentAndHashesExactInfoBytes() throws Exception {
        byte[] payload = new byte[40_000];
        Arrays.fill(payload, (byte) 7);
        byte[] file = TorrentWriter.singleFile("a.bin", payload).pieceLength(PL).announce("udp://t.example:6969").write();
        Metainfo m = Metainfo.parse(file);
        assertEquals("a.bin", m.name());
        assertFalse(m.isMultiFile());
        assertEquals(40_000, m.totalLength());
        assertEquals(3, m.pieceCount());
        assertEquals(new TorrentGeometry(40_000, PL), m.geometry());
        assertEquals(List.of(new FileEntry(0, List.of("a.bin"), 40_000, 0, false, "")), m.files());
        assertEquals(List.of("a.bin"), m.storagePath(0));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("4:infod") + 6;
        byte[] raw = Arrays.copyOfRange(file, start, file.length - 1);
        assertArrayEquals(raw, m.rawInfo());
        assertEquals(InfoHash.of(sha1(raw)), m.infoHash());
        assertArrayEquals(file, m.torrentBytes());
        assertArrayEquals(sha1(Arrays.copyOf(payload, PL)), m.pieceHash(0));
    }

    @Test
    void infoHashCoversUnsortedInfoBytesAsInTheFile() throws Exception {
        String info = "d4:name1:x12:piece lengthi16384e6:lengthi5e6:pieces20:" + "a".repeat(20) + "e";
        byte[] file = ("d4:info" + info + "e").getBytes(StandardCharsets.ISO_8859_1);
        Metainfo m = Metainfo.parse(file);
        byte[] raw = info.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(InfoHash.of(sha1(raw)), m.infoHash());
        assertNotEquals(InfoHash.of(sha1(BEncoder.encode(dev.bitquark.bencode.BDecoder.decode(raw,
                dev.bitquark.bencode.BencodeLimits.LENIENT)))), m.infoHash());
    }

    @Test
    void parsesMultiFileOffsetsAndStoragePaths() throws Exception {
        Metainfo m = parse(multiInfo(file(10, "a", "one.txt"), file(0, "empty"), file(20_000, "b.bin")).build());
        assertTrue(m.isMultiFile());
        assertEquals("dir", m.name());
        List<FileEntry> f = m.files();
        assertEquals(3, f.size());
        assertEquals(0, f.get(0).offset());
        assertEquals(10, f.get(1).offset());
        assertEquals(10, f.get(2).offset());
        assertEquals(20_010, m.totalLength());
        assertEquals(List.of("dir", "a", "one.txt"), m.storagePath(0));
        assertEquals(List.of("a", "one.txt"), f.get(0).path());
    }

    @Test
    void pieceHashAccessorsAgree() throws Exception {
        byte[] payload = new byte[3 * PL + 1];
        new java.util.Random(1).nextBytes(payload);
        Metainfo m = TorrentWriter.singleFile("p", payload).pieceLength(PL).writeMetainfo();
        assertEquals(4, m.pieceCount());
        byte[] dst = new byte[25];
        m.copyPieceHash(3, dst, 5);
        byte[] last = sha1(Arrays.copyOfRange(payload, 3 * PL, payload.length));
        assertArrayEquals(last, Arrays.copyOfRange(dst, 5, 25));
        assertTrue(m.pieceHashMatches(3, dst, 5));
        assertFalse(m.pieceHashMatches(2, dst, 5));
        assertArrayEquals(last, Arrays.copyOfRange(m.pieceHashes(), 60, 80));
        assertThrows(IllegalArgumentException.class, () -> m.pieceHash(4));
        assertThrows(IllegalArgumentException.class, () -> m.pieceHash(-1));
    }

    // --- info validation

    @Test
    void rejectsNonBencodeAndWrongTopLevel() {
        assertEquals("torrent", reject("not bencode".getBytes()).field());
        assertTrue(reject("le".getBytes()).getMessage().contains("expected a dictionary"));
        BadTorrentException trailing = reject("dex".getBytes());
        assertTrue(trailing.getMessage().contains("trailing data"), trailing.getMessage());
        assertEquals("info", reject("de".getBytes()).field());
        assertEquals("info", reject("d4:infoi1ee".getBytes()).field());
    }

    @Test
    void rejectsMissingOrWronglyTypedFields() {
        reject(singleInfo(5).put("name", 1).build(), "info.name");
        BDict noName = BDict.builder().put("piece length", PL).put("length", 5).put("pieces", new byte[20]).build();
        assertTrue(reject(noName, "info.name").getMessage().contains("is missing"));
        reject(singleInfo(5).put("piece length", "big").build(), "info.piece length");
        reject(singleInfo(5).put("pieces", 3).build(), "info.pieces");
    }

    @Test
    void rejectsBadPieceLength() {
        for (long pl : new long[] {0, -16384, 256L * 1024 * 1024 + 1, Long.MAX_VALUE}) {
            BadTorrentException e = reject(singleInfo(5).put("piece length", pl).build(), "info.piece length");
            assertTrue(e.getMessage().contains("must be between 1 and 268435456"), e.getMessage());
        }
    }

    @Test
    void acceptsAnyPositivePieceLengthUpTo256MiB() throws Exception {
        BDict info = BDict.builder().put("name", "x").put("piece length", 1000).put("length", 2500)
                .put("pieces", new byte[60]).build();
        assertEquals(3, parse(info).pieceCount());
    }

    @Test
    void rejectsPiecesNotMultipleOf20() {
        BadTorrentException e = reject(singleInfo(5).put("pieces", new byte[21]).build(), "info.pieces");
        assertTrue(e.getMessage().contains("not a multiple of 20"), e.getMessage());
    }

    @Test
    void rejectsWrongPieceCount() {
        BadTorrentException e = reject(singleInfo(PL + 1).put("pieces", new byte[20]).build(), "info.pieces");
        assertTrue(e.getMessage().contains("has 1 hashes but 16385 bytes in pieces of 16384 need 2"), e.getMessage());
    }

    @Test
    void rejectsBothOrNeitherLengthAndFiles() {
        assertTrue(reject(singleInfo(5).put("files", new BList(List.of(file(5, "a")))).build(), "info")
                .getMessage().contains("both"));
        BDict neither = BDict.builder().put("name", "x").put("piece length", PL).put("pieces", new byte[20]).build();
        assertTrue(reject(neither, "info").getMessage().contains("neither"));
    }

    @Test
    void rejectsNegativeLengths() {
        reject(singleInfo(5).put("length", -1).build(), "info.length");
        reject(multiInfo(file(5, "a")).put("files", new BList(List.of(file(-5, "a")))).build(), "info.files[0].length");
    }

    @Test
    void rejectsTotalLengthOverflow() {
        BDict info = multiInfo(file(5, "a")).put("files",
                new BList(List.of(file(Long.MAX_VALUE, "a"), file(1, "b")))).build();
        BadTorrentException e = reject(info, "info.files[1].length");
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
    }

    @Test
    void rejectsZeroTotalLength() {
        reject(singleInfo(0).put("pieces", new byte[0]).build(), "info");
    }

    @Test
    void rejectsEmptyFileListAndEmptyPaths() {
        reject(multiInfo(file(5, "a")).put("files", BList.EMPTY).build(), "info.files");
        reject(multiInfo(file(5)).build(), "info.files[0].path");
        BadTorrentException e = reject(multiInfo(file(5, ".", "")).build(), "info.files[0].path");
        assertTrue(e.getMessage().contains("empty after removing unsafe components"), e.getMessage());
    }

    @Test
    void rejectsPathsThatClimbOutOfTheTorrentFolder() {
        BadTorrentException e = reject(multiInfo(file(5, "..", "..", "etc", "cron.d", "x")).build(),
                "info.files[0].path");
        assertTrue(e.getMessage().contains("would leave the torrent's folder"), e.getMessage());
        reject(multiInfo(file(5, "a"), file(5, "b", "..", "..", "c")).build(), "info.files[1].path");
    }

    @Test
    void rejectsNonStringPathComponentAndDeepPaths() {
        BDict bad = BDict.builder().put("length", 5).put("path", BList.of(BValue.of("a"), BValue.of(3))).build();
        reject(multiInfo(file(5, "a")).put("files", new BList(List.of(bad))).build(), "info.files[0].path[1]");
        String[] deep = new String[257];
        Arrays.fill(deep, "d");
        assertTrue(reject(multiInfo(file(5, deep)).build(), "info.files[0].path").getMessage().contains("257"));
        reject(multiInfo(file(5, "a")).put("files", BList.of(BValue.of(1))).build(), "info.files[0]");
    }

    @Test
    void rejectsMoreThanAMillionFiles() {
        String files = "de".repeat(1_000_001);
        byte[] t = ("d4:infod5:filesl" + files + "e4:name1:x12:piece lengthi16384e6:pieces0:ee")
                .getBytes(StandardCharsets.ISO_8859_1);
        BadTorrentException e = reject(t);
        assertEquals("info.files", e.field());
        assertTrue(e.getMessage().contains("too many files"), e.getMessage());
    }

    @Test
    void rejectsOversizedTorrentBeforeDecoding() {
        BadTorrentException e = reject(new byte[Metainfo.MAX_TORRENT_BYTES + 1]);
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    // --- paths and files

    @Test
    void sanitizesHostilePathsAndName() throws Exception {
        Metainfo m = parse(multiInfo(file(5, ".", "etc", "cron.d", "x"), file(5, "/abs"), file(5, "C:\\x"),
                file(5, "con")).put("name", "../evil").build());
        assertEquals(".._evil", m.name());
        assertEquals(List.of("etc", "cron.d", "x"), m.files().get(0).path());
        assertEquals(List.of("_abs"), m.files().get(1).path());
        assertEquals(List.of("C__x"), m.files().get(2).path());
        assertEquals(List.of("_con"), m.files().get(3).path());
    }

    @Test
    void namesTorrentByInfoHashWhenNameIsUnusable() throws Exception {
        Metainfo m = parse(singleInfo(5).put("name", "..").build());
        assertEquals(m.infoHash().toHex(), m.name());
        assertEquals(List.of(m.infoHash().toHex()), m.files().getFirst().path());
    }

    @Test
    void renamesDuplicatePathsDeterministically() throws Exception {
        Metainfo m = parse(multiInfo(file(1, "d", "a.txt"), file(1, "d", "a.txt"), file(1, "D", "A.TXT"),
                file(1, "x:y"), file(1, "x?y")).build());
        List<FileEntry> f = m.files();
        assertEquals(List.of("d", "a.txt"), f.get(0).path());
        assertEquals(List.of("d", "a (1).txt"), f.get(1).path());
        assertEquals(List.of("D", "A (2).TXT"), f.get(2).path());
        assertEquals(List.of("x_y"), f.get(3).path());
        assertEquals(List.of("x_y (1)"), f.get(4).path());
    }

    @Test
    void renamesNfcNfdTwins() throws Exception {
        Metainfo m = parse(multiInfo(file(1, "caf\u00e9"), file(1, "cafe\u0301")).build());
        assertEquals(List.of("caf\u00e9"), m.files().get(0).path());
        assertEquals(List.of("caf\u00e9 (1)"), m.files().get(1).path());
    }

    @Test
    void rejectsFileThatIsAlsoADirectory() {
        BadTorrentException e = reject(multiInfo(file(1, "a"), file(1, "a", "b")).build(), "info.files[1].path");
        assertTrue(e.getMessage().contains("which is itself a file"), e.getMessage());
        BadTorrentException e2 = reject(multiInfo(file(1, "a", "b"), file(1, "A")).build(), "info.files[1].path");
        assertTrue(e2.getMessage().contains("also a directory"), e2.getMessage());
    }

    @Test
    void recognisesPaddingFilesAndExemptsThemFromCollisions() throws Exception {
        BDict pad = BDict.builder().put("attr", "p").put("length", PL - 1).put("path", path(".pad", "16383")).build();
        BDict pad2 = BDict.builder().put("length", 3).put("path", path(".pad", "16383")).build();
        BDict exe = BDict.builder().put("attr", "xh").put("length", 5).put("path", path("run")).build();
        Metainfo m = parse(multiInfo(file(1, "a"), pad, exe, pad2, file(1, "b")).build());
        List<FileEntry> f = m.files();
        assertFalse(f.get(0).padding());
        assertTrue(f.get(1).padding());
        assertEquals("p", f.get(1).attributes());
        assertTrue(f.get(2).executable());
        assertTrue(f.get(2).hidden());
        assertTrue(f.get(3).padding(), ".pad/ path without attr");
        assertEquals(List.of(".pad", "16383"), f.get(3).path());
        assertEquals(PL, f.get(2).offset());
    }

    @Test
    void prefersUtf8Variants() throws Exception {
        BDict f = BDict.builder().put("length", 5).put("path", path("latin")).put("path.utf-8", path("\u00fcber")).build();
        BDict badUtf8 = BDict.builder().put("length", 5).put("path", path("plain"))
                .put("path.utf-8", new BList(List.of(BValue.of(new byte[] {(byte) 0xff})))).build();
        Metainfo m = parse(multiInfo(f, badUtf8).put("name.utf-8", "n\u00e4me").build());
        assertEquals("n\u00e4me", m.name());
        assertEquals(List.of("\u00fcber"), m.files().get(0).path());
        assertEquals(List.of("plain"), m.files().get(1).path());
    }

    // --- trackers and other fields

    @Test
    void parsesAnnounceListTiersDroppingBadAndDuplicateUrls() throws Exception {
        BList tiers = BList.of(
                BList.of(BValue.of("udp://a.example:1/announce"), BValue.of("ws://bad.example"), BValue.of("javascript:x")),
                BList.of(BValue.of("https://b.example/a"), BValue.of("udp://a.example:1/announce")),
                BList.of(BValue.of("not a url")),
                BValue.of("http://flat.example/a"));
        BDict root = BDict.builder().put("announce", "http://ignored.example/a").put("announce-list", tiers)
                .put("info", singleInfo(5).build()).build();
        Metainfo m = Metainfo.parse(BEncoder.encode(root));
        assertEquals(List.of(List.of("udp://a.example:1/announce"), List.of("https://b.example/a"),
                List.of("http://flat.example/a")), m.announceTiers());
    }

    @Test
    void fallsBackToAnnounceAndCapsTrackers() throws Exception {
        assertEquals(List.of(List.of("http://t.example/announce")), parse(singleInfo(5).build()).announceTiers());
        List<BValue> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(BList.of(BValue.of("http://t" + i + ".example/a")));
        }
        BDict root = BDict.builder().put("announce-list", new BList(many)).put("info", singleInfo(5).build()).build();
        assertEquals(100, Metainfo.parse(BEncoder.encode(root)).announceTiers().size());
    }

    @Test
    void parsesUrlListAsStringOrList() throws Exception {
        BDict one = BDict.builder().put("info", singleInfo(5).build()).put("url-list", "http://ws.example/f").build();
        assertEquals(List.of("http://ws.example/f"), Metainfo.parse(BEncoder.encode(one)).urlList());
        BDict list = BDict.builder().put("info", singleInfo(5).build()).put("url-list",
                BList.of(BValue.of("https://a.example/"), BValue.of("udp://no.example"), BValue.of("https://a.example/")))
                .build();
        assertEquals(List.of("https://a.example/"), Metainfo.parse(BEncoder.encode(list)).urlList());
    }

    @Test
    void readsPrivateFlagAndOptionalTextFields() throws Exception {
        BDict root = BDict.builder().put("info", singleInfo(5).put("private", 1).build()).put("comment", "hi")
                .put("created by", "maker").put("creation date", 1_700_000_000L).build();
        Metainfo m = Metainfo.parse(BEncoder.encode(root));
        assertTrue(m.isPrivate());
        assertEquals("hi", m.comment().orElseThrow());
        assertEquals("maker", m.createdBy().orElseThrow());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), m.creationDate().orElseThrow());
        Metainfo plain = parse(singleInfo(5).put("private", 0).build());
        assertFalse(plain.isPrivate());
        assertTrue(plain.comment().isEmpty());
        BDict absurd = BDict.builder().put("info", singleInfo(5).build()).put("creation date", Long.MAX_VALUE).build();
        assertTrue(Metainfo.parse(BEncoder.encode(absurd)).creationDate().isEmpty());
    }

    // --- BEP 9

    @Test
    void buildsFromInfoDictAndChecksExpectedHash() throws Exception {
        Metainfo original = TorrentWriter.singleFile("f", new byte[100]).pieceLength(PL).writeMetainfo();
        byte[] info = original.rawInfo();
        List<List<String>> tiers = List.of(List.of("udp://t.example:1", "http://t2.example/a"));
        Metainfo m = Metainfo.fromInfoDict(info, tiers, original.infoHash());
        assertEquals(original.infoHash(), m.infoHash());
        assertEquals(tiers, m.announceTiers());
        Metainfo reparsed = Metainfo.parse(m.torrentBytes());
        assertEquals(original.infoHash(), reparsed.infoHash());
        assertEquals(tiers, reparsed.announceTiers());

        InfoHash other = InfoHash.of(new byte[20]);
        BadTorrentException e = assertThrows(BadTorrentException.class, () -> Metainfo.fromInfoDict(info, tiers, other));
        assertTrue(e.getMessage().contains("expected " + other.toHex()), e.getMessage());
        assertThrows(BadTorrentException.class, () -> Metainfo.fromInfoDict("i1e".getBytes(), List.of()));
    }

    @Test
    void toMagnetCarriesHashNameAndTrackers() throws Exception {
        Metainfo m = TorrentWriter.singleFile("f.bin", new byte[10]).announce("http://t.example/a").writeMetainfo();
        Magnet magnet = Magnet.parse(m.toMagnet().toUri());
        assertEquals(m.infoHash(), magnet.infoHash());
        assertEquals("f.bin", magnet.displayName().orElseThrow());
        assertEquals(List.of("http://t.example/a"), magnet.trackers());
    }
}
