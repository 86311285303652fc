package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;

/**
 * Which files of a {@link FileStorage} are skipped and kept in its {@link PartFile}, and the moves of their bytes
 * between the part file and the real files. The storage decides when (under its lifecycle lock) and checks the
 * paths; this class knows which bytes. Thread-safe for {@link #contains} (read by every block operation); the moves
 * run under the storage's exclusive lock.
 */
final class SkippedFiles {
    /** Writes a file's bytes of a piece into the part file (the storage makes sure the root is confined first). */
    interface PartWriter {
        void write(int file, int piece, int offsetInPiece, ByteBuffer src) throws StorageException;
    }

    /** Opens the real file of a skipped file for writing, when it gets its first byte back. */
    interface Opener {
        FileChannel open() throws StorageException;
    }

    private final StorageLayout layout;
    private final PayloadMap map;
    private final PartFile part;
    private final IntFunction<int[]> filesOfPiece;
    /** 1 where the file is skipped and kept in the part file instead of on disk. */
    private final AtomicIntegerArray inPart;

    SkippedFiles(StorageLayout layout, PayloadMap map, PartFile part, IntFunction<int[]> filesOfPiece) {
        this.layout = layout;
        this.map = map;
        this.part = part;
        this.filesOfPiece = filesOfPiece;
        this.inPart = new AtomicIntegerArray(layout.fileCount());
    }

    PartFile part() {
        return part;
    }

    boolean contains(int f) {
        return inPart.get(f) != 0;
    }

    void set(int f, boolean inPartFile) {
        inPart.set(f, inPartFile ? 1 : 0);
    }

    /** True if some file of {@code piece} is kept in the part file. */
    boolean pieceHasPartFile(int piece) {
        for (int f : filesOfPiece.apply(piece)) {
            if (contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** Copies what {@code file} (file {@code f} on disk) holds of the pieces it shares with other files. */
    void relocate(int f, Path file, PartWriter to) throws StorageException {
        int[] shared = Arrays.stream(piecesOf(f)).filter(p -> filesOfPiece.apply(p).length > 1).toArray();
        for (int piece : shared) {
            long[] range = range(f, piece);
            ByteBuffer buf = ByteBuffer.allocate((int) (range[1] - range[0]));
            readQuietly(file, range[0] - map.start(f), buf);
            buf.flip();
            to.write(f, piece, (int) (range[0] - layout.geometry().pieceOffset(piece)), buf);
        }
        part.sync(); // the bytes are safe in the part file before the file goes
    }

    /**
     * Copies file {@code f}'s bytes in the part file into the real file (opened at the first byte), forces it,
     * and returns the pieces copied.
     */
    List<Integer> export(int f, Path file, Opener opener) throws StorageException {
        List<Integer> moved = new ArrayList<>();
        FileChannel out = null;
        try {
            for (int piece : piecesOf(f)) {
                if (!part.hasSlot(piece)) {
                    continue;
                }
                long[] range = range(f, piece);
                ByteBuffer buf = ByteBuffer.allocate((int) (range[1] - range[0]));
                part.read(piece, (int) (range[0] - layout.geometry().pieceOffset(piece)), buf);
                buf.flip();
                out = out == null ? opener.open() : out;
                for (long pos = range[0] - map.start(f); buf.hasRemaining(); ) {
                    int n = out.write(buf, pos);
                    if (n <= 0) {
                        throw new StorageException(Kind.IO, f, file, "short write moving out of the part file");
                    }
                    pos += n;
                }
                moved.add(piece);
            }
            if (out != null) {
                out.force(false); // in the file for good before the part file lets go of it
            }
        } catch (IOException e) {
            throw StorageException.classify(e, f, file, "move out of the part file");
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    // forced above; nothing left to lose
                }
            }
        }
        return moved;
    }

    /** Frees the slots of {@code pieces} that no skipped file needs any more. */
    void freeUnneeded(List<Integer> pieces) throws StorageException {
        for (int piece : pieces) {
            if (!pieceHasPartFile(piece)) {
                part.free(piece);
            }
        }
        part.sync();
    }

    /** Payload offsets {@code [from, to)} of file {@code f}'s bytes in {@code piece}. */
    private long[] range(int f, int piece) {
        long pieceStart = layout.geometry().pieceOffset(piece);
        return new long[] {Math.max(map.start(f), pieceStart),
                Math.min(map.start(f) + map.length(f), pieceStart + layout.geometry().pieceSize(piece))};
    }

    /** Pieces that hold a byte of file {@code f} (none for an empty file). */
    private int[] piecesOf(int f) {
        if (map.length(f) == 0) {
            return new int[0];
        }
        int pieceLength = layout.geometry().pieceLength();
        int first = (int) (map.start(f) / pieceLength);
        int last = (int) ((map.start(f) + map.length(f) - 1) / pieceLength);
        int[] out = new int[last - first + 1];
        Arrays.setAll(out, i -> first + i);
        return out;
    }

    /** Reads what {@code file} has at {@code position}; past its end the buffer is left as zeros. */
    private static void readQuietly(Path file, long position, ByteBuffer dst) throws StorageException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            for (long pos = position; dst.hasRemaining(); ) {
                int n = in.read(dst, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            dst.position(dst.limit());
        } catch (IOException e) {
            throw StorageException.classify(e, -1, file, "read the skipped file");
        }
    }
}
