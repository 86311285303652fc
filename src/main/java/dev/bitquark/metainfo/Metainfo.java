package dev.bitquark.metainfo;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, validated v1 torrent (BEP 3), from a .torrent file or from an info dictionary fetched
 * with BEP 9. The info-hash is the SHA-1 of the exact bytes of the {@code info} value in the
 * source, never of a re-encoding. Immutable and thread-safe; accessors returning arrays copy them.
 */
public final class Metainfo {
    /** Largest .torrent file or info dictionary accepted: room for 4 Mi piece hashes and a file list. */
    public static final int MAX_TORRENT_BYTES = 100 * 1024 * 1024;
    /** Piece hash length (SHA-1). */
    public static final int HASH_LENGTH = 20;
    /** Latest creation date kept (end of year 9999): larger values are nonsense and are dropped. */
    private static final long MAX_CREATION_DATE = 253402300799L;
    /** Torrents put keys in any order in the wild; the info-hash is over raw bytes, so that is harmless. */
    private static final BencodeLimits LIMITS = BencodeLimits.LENIENT.withMaxStringLength(MAX_TORRENT_BYTES);

    private final InfoHash infoHash;
    private final InfoParser.Info info;
    private final TorrentGeometry geometry;
    private final List<List<String>> announceTiers;
    private final List<String> urlList;
    private final String comment;
    private final String createdBy;
    private final Instant creationDate;
    private final byte[] rawInfo;
    private final byte[] torrentBytes;

    private Metainfo(InfoHash infoHash, InfoParser.Info info, List<List<String>> announceTiers, List<String> urlList,
                     String comment, String createdBy, Instant creationDate, byte[] rawInfo, byte[] torrentBytes) {
        this.infoHash = infoHash;
        this.info = info;
        this.geometry = new TorrentGeometry(info.totalLength(), info.pieceLength());
        this.announceTiers = announceTiers;
        this.urlList = urlList;
        this.comment = comment;
        this.createdBy = createdBy;
        this.creationDate = creationDate;
        this.rawInfo = rawInfo;
        this.torrentBytes = torrentBytes;
    }

    /** Parses a .torrent file. The array is copied; the caller may reuse it. */
    public static Metainfo parse(byte[] torrentFile) throws BadTorrentException {
        if (torrentFile.length > MAX_TORRENT_BYTES) {
            throw new BadTorrentException("torrent", "file is " + torrentFile.length + " bytes, more than " + MAX_TORRENT_BYTES);
        }
        byte[] bytes = torrentFile.clone();
        BDict root = decodeDict(bytes, "torrent");
        BValue infoValue = root.get("info");
        if (infoValue == null) {
            throw new BadTorrentException("info", "is missing");
        }
        if (!(infoValue instanceof BDict infoDict)) {
            throw new BadTorrentException("info", "expected a dictionary, got " + infoValue.typeName());
        }
        byte[] rawInfo = root.rawBytes("info");
        InfoHash hash = sha1(rawInfo);
        InfoParser.Info info = InfoParser.parse(infoDict, hash);
        return new Metainfo(hash, info,
                TrackerUrls.fromTorrent(root.get("announce-list"), root.get("announce")),
                TrackerUrls.webSeeds(root.get("url-list")),
                optionalText(root, "comment"), optionalText(root, "created by"),
                creationDate(root.get("creation date")), rawInfo, bytes);
    }

    /**
     * Builds a torrent from a bare info dictionary (BEP 9 metadata exchange) and the trackers known
     * from the magnet. Use {@link #fromInfoDict(byte[], List, InfoHash)} when the expected hash is
     * known; this variant leaves that check to the caller.
     */
    public static Metainfo fromInfoDict(byte[] infoBytes, List<List<String>> announceTiers) throws BadTorrentException {
        return fromInfoDict(infoBytes, announceTiers, null);
    }

    /**
     * As {@link #fromInfoDict(byte[], List)}, and checks that the SHA-1 of {@code infoBytes} is
     * {@code expected} (BEP 9: metadata from a peer must match the magnet's info-hash).
     */
    public static Metainfo fromInfoDict(byte[] infoBytes, List<List<String>> announceTiers, InfoHash expected)
            throws BadTorrentException {
        if (infoBytes.length > MAX_TORRENT_BYTES) {
            throw new BadTorrentException("info", "is " + infoBytes.length + " bytes, more than " + MAX_TORRENT_BYTES);
        }
        byte[] rawInfo = infoBytes.clone();
        InfoHash hash = sha1(rawInfo);
        if (expected != null && !expected.equals(hash)) {
            throw new BadTorrentException("info", "SHA-1 is " + hash.toHex() + ", expected " + expected.toHex());
        }
        BDict infoDict = decodeDict(rawInfo, "info");
        InfoParser.Info info = InfoParser.parse(infoDict, hash);
        List<List<String>> tiers = TrackerUrls.clean(announceTiers);
        return new Metainfo(hash, info, tiers, List.of(), null, null, null, rawInfo, wrap(rawInfo, tiers));
    }

    /** A .torrent file around the untouched info bytes, so a magnet-added torrent can be saved. */
    private static byte[] wrap(byte[] rawInfo, List<List<String>> tiers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawInfo.length + 256);
        out.write('d');
        // Keys in BEP 3 order: "announce" < "announce-list" < "info".
        if (!tiers.isEmpty()) {
            BEncoder.write(BValue.of("announce"), out);
            BEncoder.write(BValue.of(tiers.getFirst().getFirst()), out);
            List<BValue> tierValues = new ArrayList<>();
            for (List<String> tier : tiers) {
                tierValues.add(new BList(tier.stream().<BValue>map(BValue::of).toList()));
            }
            BEncoder.write(BValue.of("announce-list"), out);
            BEncoder.write(new BList(tierValues), out);
        }
        BEncoder.write(BValue.of("info"), out);
        out.write(rawInfo, 0, rawInfo.length);
        out.write('e');
        return out.toByteArray();
    }

    private static BDict decodeDict(byte[] bytes, String field) throws BadTorrentException {
        BValue v;
        try {
            v = BDecoder.decode(bytes, LIMITS);
        } catch (BencodeException e) {
            throw new BadTorrentException(field, "not valid bencode: " + e.getMessage(), e);
        }
        if (!(v instanceof BDict d)) {
            throw new BadTorrentException(field, "expected a dictionary, got " + v.typeName());
        }
        return d;
    }

    static InfoHash sha1(byte[] bytes) {
        try {
            return InfoHash.of(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static String optionalText(BDict root, String key) {
        if (root.get(key + ".utf-8") instanceof BBytes b && b.isValidUtf8()) {
            return b.asString();
        }
        return root.get(key) instanceof BBytes b ? b.asString() : null;
    }

    private static Instant creationDate(BValue v) {
        if (v instanceof BInt i && i.value() > 0 && i.value() <= MAX_CREATION_DATE) {
            return Instant.ofEpochSecond(i.value());
        }
        return null;
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /**
     * The sanitized torrent name: the file name of a single-file torrent, the directory of a
     * multi-file one. The info-hash in hex when the torrent's name is empty or unusable.
     */
    public String name() {
        return info.name();
    }

    public TorrentGeometry geometry() {
        return geometry;
    }

    public int pieceCount() {
        return geometry.pieceCount();
    }

    public int pieceLength() {
        return info.pieceLength();
    }

    public long totalLength() {
        return info.totalLength();
    }

    /** A copy of the expected SHA-1 of {@code piece}. */
    public byte[] pieceHash(int piece) {
        checkPiece(piece);
        return Arrays.copyOfRange(info.pieces(), piece * HASH_LENGTH, (piece + 1) * HASH_LENGTH);
    }

    /** Copies the expected SHA-1 of {@code piece} into {@code dst} at {@code offset}. */
    public void copyPieceHash(int piece, byte[] dst, int offset) {
        checkPiece(piece);
        System.arraycopy(info.pieces(), piece * HASH_LENGTH, dst, offset, HASH_LENGTH);
    }

    /** True if {@code digest[offset..offset+20)} is the expected hash of {@code piece}; no allocation. */
    public boolean pieceHashMatches(int piece, byte[] digest, int offset) {
        checkPiece(piece);
        int start = piece * HASH_LENGTH;
        return Arrays.equals(info.pieces(), start, start + HASH_LENGTH, digest, offset, offset + HASH_LENGTH);
    }

    /** A copy of all piece hashes, concatenated (the {@code pieces} field). */
    public byte[] pieceHashes() {
        return info.pieces().clone();
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IllegalArgumentException("piece " + piece + " outside 0.." + (pieceCount() - 1));
        }
    }

    /** Files in torrent order, padding files included. */
    public List<FileEntry> files() {
        return info.files();
    }

    /** True if the info dictionary has a {@code files} list (even of one file). */
    public boolean isMultiFile() {
        return info.multiFile();
    }

    /**
     * Components of file {@code index} under the save directory: {@code [name, path...]} for a
     * multi-file torrent, {@code [name]} for a single-file one. Pass to
     * {@link PathSanitizer#resolveInside}.
     */
    public List<String> storagePath(int index) {
        FileEntry f = info.files().get(index);
        if (!info.multiFile()) {
            return f.path();
        }
        List<String> p = new ArrayList<>(f.path().size() + 1);
        p.add(info.name());
        p.addAll(f.path());
        return List.copyOf(p);
    }

    /** BEP 12 tracker tiers (or the single {@code announce} URL as one tier); http(s) and udp only. */
    public List<List<String>> announceTiers() {
        return announceTiers;
    }

    /** BEP 19 web seeds ({@code url-list}), parsed and validated only. */
    public List<String> urlList() {
        return urlList;
    }

    /** BEP 27: peers only from the trackers, no DHT, PEX or local discovery. */
    public boolean isPrivate() {
        return info.isPrivate();
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }

    public Optional<Instant> creationDate() {
        return Optional.ofNullable(creationDate);
    }

    /** A copy of the exact bytes of the info dictionary, whose SHA-1 is {@link #infoHash()}. */
    public byte[] rawInfo() {
        return rawInfo.clone();
    }

    /**
     * A copy of {@code length} bytes of the info dictionary from {@code offset} (one BEP 9
     * metadata piece) without copying the whole dictionary.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the info dictionary
     */
    public byte[] rawInfoRange(int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, rawInfo.length);
        return Arrays.copyOfRange(rawInfo, offset, offset + length);
    }

    /** Size of {@link #rawInfo()} (the BEP 9 {@code metadata_size}) without copying. */
    public int rawInfoLength() {
        return rawInfo.length;
    }

    /**
     * A copy of the .torrent file: the original bytes, or for {@link #fromInfoDict} a file made of
     * the trackers and the untouched info bytes.
     */
    public byte[] torrentBytes() {
        return torrentBytes.clone();
    }

    /** A magnet link for this torrent: info-hash, name and trackers. */
    public Magnet toMagnet() {
        List<String> trackers = announceTiers.stream().flatMap(List::stream).toList();
        return Magnet.of(infoHash, info.name(), trackers);
    }

    @Override
    public String toString() {
        return "Metainfo[" + infoHash.toHex() + " " + info.name() + ", " + info.files().size() + " files, "
                + info.totalLength() + " bytes]";
    }
}
