package dev.bitquark.metainfo;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates v1 .torrent files (BEP 3): hashes the payload into pieces and writes a canonical
 * bencoded file (sorted keys, {@code pieces} as concatenated SHA-1s, {@code files} entries with
 * {@code length} and {@code path}) that libtorrent and other clients accept. Optionally aligns
 * files to piece boundaries with BEP 47 padding files. Names and path components must already be
 * in {@link PathSanitizer} form, so a written torrent parses back unchanged.
 *
 * <p>A mutable builder: not thread-safe, configure and {@link #write()} from one thread. Files on
 * disk are read at {@link #write()} time and must not change in between.
 */
public final class TorrentWriter {
    public static final int MIN_PIECE_LENGTH = 16 * 1024;
    public static final int MAX_PIECE_LENGTH = 16 * 1024 * 1024;

    private sealed interface Source permits Bytes, Zeros, DiskFile {
        long length();

        InputStream open() throws IOException;
    }

    private record Bytes(byte[] content) implements Source {
        public long length() {
            return content.length;
        }

        public InputStream open() {
            return new ByteArrayInputStream(content);
        }
    }

    /** BEP 47 padding: zeros that are never stored. */
    private record Zeros(long length) implements Source {
        public InputStream open() {
            return new InputStream() {
                @Override
                public int read() {
                    return 0;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    java.util.Arrays.fill(b, off, off + len, (byte) 0);
                    return len;
                }
            };
        }
    }

    private record DiskFile(Path file, long length) implements Source {
        public InputStream open() throws IOException {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private record Item(List<String> path, Source source, boolean padding) {
    }

    private final String name;
    private final boolean multiFile;
    private final List<Item> items = new ArrayList<>();
    private int pieceLength;
    private final List<List<String>> tiers = new ArrayList<>();
    private final List<String> webSeeds = new ArrayList<>();
    private boolean isPrivate;
    private boolean alignWithPadding;
    private String comment;
    private String createdBy = "bitquark";
    private Instant creationDate;

    private TorrentWriter(String name, boolean multiFile) {
        this.name = requireSafe(name);
        this.multiFile = multiFile;
    }

    /** A single-file torrent named {@code name} holding {@code content}. */
    public static TorrentWriter singleFile(String name, byte[] content) {
        TorrentWriter w = new TorrentWriter(name, false);
        w.items.add(new Item(List.of(name), new Bytes(content.clone()), false));
        return w;
    }

    /** A single-file torrent of a file on disk, named after it. */
    public static TorrentWriter singleFile(Path file) throws IOException {
        TorrentWriter w = new TorrentWriter(file.getFileName().toString(), false);
        w.items.add(new Item(List.of(w.name), diskFile(file), false));
        return w;
    }

    /** An empty multi-file torrent whose directory is {@code name}; add files with {@code addFile}. */
    public static TorrentWriter multiFile(String name) {
        return new TorrentWriter(name, true);
    }

    /**
     * A torrent of a file, or of a directory's regular files (symbolic links skipped) in sorted
     * path order, named after the file or directory.
     */
    public static TorrentWriter fromPath(Path fileOrDirectory) throws IOException {
        if (!Files.isDirectory(fileOrDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return singleFile(fileOrDirectory);
        }
        TorrentWriter w = multiFile(fileOrDirectory.getFileName().toString());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing(p -> fileOrDirectory.relativize(p).toString()))
                    .toList();
        }
        for (Path f : files) {
            List<String> components = new ArrayList<>();
            for (Path part : fileOrDirectory.relativize(f)) {
                components.add(part.toString());
            }
            w.addFile(components, f);
        }
        return w;
    }

    private static DiskFile diskFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("not a regular file: " + file);
        }
        return new DiskFile(file, Files.size(file));
    }

    /** Adds a file of a multi-file torrent; {@code path} is relative to the torrent's directory. */
    public TorrentWriter addFile(List<String> path, byte[] content) {
        return add(path, new Bytes(content.clone()));
    }

    /** Adds a file on disk to a multi-file torrent; its size is taken now and checked when hashing. */
    public TorrentWriter addFile(List<String> path, Path file) throws IOException {
        return add(path, diskFile(file));
    }

    private TorrentWriter add(List<String> path, Source source) {
        if (!multiFile) {
            throw new IllegalStateException("a single-file torrent has exactly one file");
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty file path");
        }
        path.forEach(TorrentWriter::requireSafe);
        items.add(new Item(List.copyOf(path), source, false));
        return this;
    }

    private static String requireSafe(String component) {
        if (component == null || component.isEmpty() || !PathSanitizer.sanitizeComponent(component).equals(component)) {
            throw new IllegalArgumentException("not a safe path component: \"" + component + "\"");
        }
        return component;
    }

    /** A power of two from 16 KiB to 16 MiB; by default chosen from the total size. */
    public TorrentWriter pieceLength(int length) {
        if (length < MIN_PIECE_LENGTH || length > MAX_PIECE_LENGTH || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("piece length must be a power of two from 16 KiB to 16 MiB: " + length);
        }
        this.pieceLength = length;
        return this;
    }

    /** Adds a tracker tier of one URL (BEP 12); the first URL also becomes {@code announce}. */
    public TorrentWriter announce(String url) {
        return announceTier(List.of(url));
    }

    /** Adds a tracker tier (BEP 12). */
    public TorrentWriter announceTier(List<String> urls) {
        if (!urls.isEmpty()) {
            tiers.add(List.copyOf(urls));
        }
        return this;
    }

    /** Adds a BEP 19 web seed ({@code url-list}). */
    public TorrentWriter webSeed(String url) {
        webSeeds.add(url);
        return this;
    }

    /** BEP 27 private flag. */
    public TorrentWriter setPrivate(boolean value) {
        this.isPrivate = value;
        return this;
    }

    /** BEP 47: insert padding files so every non-empty file after the first starts a piece. */
    public TorrentWriter alignFilesWithPadding(boolean value) {
        this.alignWithPadding = value;
        return this;
    }

    public TorrentWriter comment(String text) {
        this.comment = text;
        return this;
    }

    /** Defaults to {@code bitquark}; null leaves the field out. */
    public TorrentWriter createdBy(String text) {
        this.createdBy = text;
        return this;
    }

    public TorrentWriter creationDate(Instant when) {
        this.creationDate = when;
        return this;
    }

    /** About 1500 pieces: a power of two from 16 KiB to 16 MiB. */
    public static int defaultPieceLength(long totalLength) {
        int length = MIN_PIECE_LENGTH;
        while (length < MAX_PIECE_LENGTH && totalLength / length > 1500) {
            length <<= 1;
        }
        return length;
    }

    /** Hashes the payload and returns the bencoded .torrent file. */
    public byte[] write() throws IOException {
        if (items.isEmpty()) {
            throw new IllegalStateException("a torrent needs at least one file");
        }
        long total = 0;
        for (Item it : items) {
            total = Math.addExact(total, it.source().length());
        }
        int pl = pieceLength != 0 ? pieceLength : defaultPieceLength(total);
        List<Item> layout = multiFile && alignWithPadding ? withPadding(pl) : items;
        total = 0;
        for (Item it : layout) {
            total += it.source().length();
        }
        if (total == 0) {
            throw new IllegalStateException("a torrent needs at least one byte of payload");
        }
        new TorrentGeometry(total, pl); // checks the piece count cap
        byte[] pieces = hash(layout, pl);

        BDict.Builder info = BDict.builder().put("name", name).put("piece length", pl).put("pieces", pieces);
        if (isPrivate) {
            info.put("private", 1);
        }
        if (multiFile) {
            List<BValue> files = new ArrayList<>();
            for (Item it : layout) {
                BDict.Builder f = BDict.builder().put("length", it.source().length())
                        .put("path", new BList(it.path().stream().<BValue>map(BValue::of).toList()));
                if (it.padding()) {
                    f.put("attr", "p");
                }
                files.add(f.build());
            }
            info.put("files", new BList(files));
        } else {
            info.put("length", total);
        }
        BDict.Builder root = BDict.builder().put("info", info.build())
                .putIfNotNull("comment", comment)
                .putIfNotNull("created by", createdBy)
                .putIfNotNull("creation date", creationDate == null ? null : creationDate.getEpochSecond());
        if (!tiers.isEmpty()) {
            root.put("announce", tiers.getFirst().getFirst());
            List<BValue> tierValues = new ArrayList<>();
            for (List<String> tier : tiers) {
                tierValues.add(new BList(tier.stream().<BValue>map(BValue::of).toList()));
            }
            root.put("announce-list", new BList(tierValues));
        }
        if (!webSeeds.isEmpty()) {
            root.put("url-list", new BList(webSeeds.stream().<BValue>map(BValue::of).toList()));
        }
        return BEncoder.encode(root.build());
    }

    /** {@link #write()} parsed back; the writer's output is always a valid torrent. */
    public Metainfo writeMetainfo() throws IOException {
        try {
            return Metainfo.parse(write());
        } catch (BadTorrentException e) {
            throw new IllegalStateException("written torrent does not parse: " + e.getMessage(), e);
        }
    }

    private List<Item> withPadding(int pl) {
        List<Item> out = new ArrayList<>();
        long offset = 0;
        for (Item it : items) {
            long misalignment = offset % pl;
            if (offset > 0 && misalignment != 0 && it.source().length() > 0) {
                long pad = pl - misalignment;
                out.add(new Item(List.of(".pad", Long.toString(pad)), new Zeros(pad), true));
                offset += pad;
            }
            out.add(it);
            offset += it.source().length();
        }
        return out;
    }

    private static byte[] hash(List<Item> layout, int pl) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        byte[] piece = new byte[pl];
        int filled = 0;
        for (Item it : layout) {
            long remaining = it.source().length();
            try (InputStream in = it.source().open()) {
                while (remaining > 0) {
                    int n = in.read(piece, filled, (int) Math.min(pl - filled, remaining));
                    if (n < 0) {
                        throw new IOException("file shrank while hashing: " + it.path());
                    }
                    filled += n;
                    remaining -= n;
                    if (filled == pl) {
                        sha1.update(piece, 0, pl);
                        pieces.writeBytes(sha1.digest());
                        filled = 0;
                    }
                }
                if (!(it.source() instanceof Zeros) && in.read() >= 0) {
                    throw new IOException("file grew while hashing: " + it.path());
                }
            }
        }
        if (filled > 0) {
            sha1.update(piece, 0, filled);
            pieces.writeBytes(sha1.digest());
        }
        return pieces.toByteArray();
    }
}
