package dev.bitquark.metainfo;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a BEP 3 {@code info} dictionary: name, piece length, pieces and the file list (single
 * or multi-file, BEP 47 padding attributes). Static and stateless, so thread-safe; each parse
 * uses its own {@link FileTree}.
 */
final class InfoParser {
    /** Largest piece length accepted; real torrents stay far below (16 KiB to 16 MiB). */
    static final int MAX_PIECE_LENGTH = 256 * 1024 * 1024;
    /** Most files in one torrent. */
    static final int MAX_FILES = 1_000_000;
    /** Most components in one file path; a path this deep is useless on any file system. */
    static final int MAX_PATH_COMPONENTS = 256;
    /** Longest BEP 47 {@code attr} string kept. */
    static final int MAX_ATTR_LENGTH = 16;

    /** What the info dictionary says, validated. */
    record Info(String name, int pieceLength, byte[] pieces, List<FileEntry> files, boolean multiFile,
                long totalLength, boolean isPrivate) {
    }

    private InfoParser() {
    }

    static Info parse(BDict info, InfoHash infoHash) throws BadTorrentException {
        String name = PathSanitizer.sanitizeComponent(preferUtf8(info, "name", "info"));
        if (name.isEmpty()) {
            // libtorrent does the same: a torrent with no usable name is named by its info-hash.
            name = infoHash.toHex();
        }
        long pieceLength = requireInt(info, "piece length", "info");
        if (pieceLength <= 0 || pieceLength > MAX_PIECE_LENGTH) {
            throw new BadTorrentException("info.piece length",
                    "must be between 1 and " + MAX_PIECE_LENGTH + ", got " + pieceLength);
        }
        BBytes pieces = requireType(info, "pieces", "info", BBytes.class);
        if (pieces.length() % 20 != 0) {
            throw new BadTorrentException("info.pieces", "length " + pieces.length() + " is not a multiple of 20");
        }
        String attr = attributes(info.get("attr"));
        boolean hasLength = info.containsKey("length");
        boolean hasFiles = info.containsKey("files");
        if (hasLength == hasFiles) {
            throw new BadTorrentException("info", hasLength
                    ? "has both \"length\" and \"files\"" : "has neither \"length\" nor \"files\"");
        }
        List<FileEntry> files;
        long total;
        if (hasLength) {
            total = requireInt(info, "length", "info");
            if (total < 0) {
                throw new BadTorrentException("info.length", "must not be negative, got " + total);
            }
            files = List.of(new FileEntry(0, List.of(name), total, 0, false, attr));
        } else {
            files = files(requireType(info, "files", "info", BList.class));
            FileEntry lastFile = files.getLast();
            total = lastFile.endOffset();
        }
        if (total == 0) {
            throw new BadTorrentException("info", "total length is zero: nothing to transfer");
        }
        int pieceCount = pieces.length() / 20;
        long expected = total / pieceLength + (total % pieceLength == 0 ? 0 : 1);
        if (expected != pieceCount) {
            throw new BadTorrentException("info.pieces", "has " + pieceCount + " hashes but " + total
                    + " bytes in pieces of " + pieceLength + " need " + expected);
        }
        if (pieceCount > TorrentGeometry.MAX_PIECES) {
            throw new BadTorrentException("info.pieces", "too many pieces: " + pieceCount + " > " + TorrentGeometry.MAX_PIECES);
        }
        boolean isPrivate = info.get("private") instanceof BInt p && p.value() == 1;
        return new Info(name, (int) pieceLength, pieces.asBytes(), files, hasFiles, total, isPrivate);
    }

    private static List<FileEntry> files(BList list) throws BadTorrentException {
        if (list.isEmpty()) {
            throw new BadTorrentException("info.files", "is empty");
        }
        if (list.size() > MAX_FILES) {
            throw new BadTorrentException("info.files", "too many files: " + list.size() + " > " + MAX_FILES);
        }
        FileTree tree = new FileTree();
        List<FileEntry> out = new ArrayList<>(list.size());
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            String field = "info.files[" + i + "]";
            if (!(list.get(i) instanceof BDict f)) {
                throw new BadTorrentException(field, "expected a dictionary, got " + list.get(i).typeName());
            }
            long length = requireInt(f, "length", field);
            if (length < 0) {
                throw new BadTorrentException(field + ".length", "must not be negative, got " + length);
            }
            if (length > Long.MAX_VALUE - offset) {
                throw new BadTorrentException(field + ".length", "total length overflows");
            }
            String attr = attributes(f.get("attr"));
            List<String> raw = rawPath(f, field);
            for (String component : raw) {
                // A ".." component is an attempt to write outside the torrent's folder (CVE-2009-1760
                // class); like Transmission we refuse the torrent rather than guess what was meant.
                if (component.equals("..")) {
                    throw new BadTorrentException(field + ".path", "component '" + component
                            + "' would leave the torrent's folder");
                }
            }
            List<String> path = PathSanitizer.sanitizePath(raw);
            // BEP 47: padding files carry attr 'p'; older makers only name them .pad/N, or BitComet's
            // _____padding_file_N_...
            boolean padding = attr.indexOf('p') >= 0 || (!path.isEmpty() && (path.getFirst().equals(".pad")
                    || path.getLast().startsWith("_____padding_file")));
            if (padding) {
                // Never created on disk, so neither checked against other paths nor required to be valid.
                if (path.isEmpty()) {
                    path = List.of(".pad", Long.toString(length));
                }
            } else {
                if (path.isEmpty()) {
                    throw new BadTorrentException(field + ".path", "is empty after removing unsafe components");
                }
                path = tree.place(path, field + ".path");
            }
            out.add(new FileEntry(i, path, length, offset, padding, attr));
            offset += length;
        }
        return List.copyOf(out);
    }

    /** {@code path.utf-8} if it is present and well-formed, else {@code path}; raw components. */
    private static List<String> rawPath(BDict f, String field) throws BadTorrentException {
        if (f.get("path.utf-8") instanceof BList utf8 && allUtf8(utf8)) {
            return strings(utf8, field + ".path.utf-8");
        }
        BList path = requireType(f, "path", field, BList.class);
        return strings(path, field + ".path");
    }

    private static boolean allUtf8(BList l) {
        for (BValue v : l.values()) {
            if (!(v instanceof BBytes b) || !b.isValidUtf8()) {
                return false;
            }
        }
        return !l.isEmpty();
    }

    private static List<String> strings(BList l, String field) throws BadTorrentException {
        if (l.isEmpty()) {
            throw new BadTorrentException(field, "is empty");
        }
        if (l.size() > MAX_PATH_COMPONENTS) {
            throw new BadTorrentException(field, "has " + l.size() + " components, more than " + MAX_PATH_COMPONENTS);
        }
        List<String> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof BBytes b)) {
                throw new BadTorrentException(field + "[" + i + "]", "expected a byte string, got " + l.get(i).typeName());
            }
            out.add(b.asString());
        }
        return out;
    }

    /** BEP 47 attribute letters, limited to a few lower-case ASCII letters. */
    private static String attributes(BValue v) {
        if (!(v instanceof BBytes b)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length() && sb.length() < MAX_ATTR_LENGTH; i++) {
            byte c = b.byteAt(i);
            if (c >= 'a' && c <= 'z') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** {@code key.utf-8} if present and well-formed UTF-8, else {@code key} (required). */
    static String preferUtf8(BDict d, String key, String where) throws BadTorrentException {
        if (d.get(key + ".utf-8") instanceof BBytes b && b.isValidUtf8()) {
            return b.asString();
        }
        return requireType(d, key, where, BBytes.class).asString();
    }

    static long requireInt(BDict d, String key, String where) throws BadTorrentException {
        return requireType(d, key, where, BInt.class).value();
    }

    static <T extends BValue> T requireType(BDict d, String key, String where, Class<T> type)
            throws BadTorrentException {
        BValue v = d.get(key);
        String field = where + "." + key;
        if (v == null) {
            throw new BadTorrentException(field, "is missing");
        }
        if (!type.isInstance(v)) {
            String wanted = type == BInt.class ? "an integer" : type == BBytes.class ? "a byte string"
                    : type == BList.class ? "a list" : "a dictionary";
            throw new BadTorrentException(field, "expected " + wanted + ", got " + v.typeName());
        }
        return type.cast(v);
    }
}
