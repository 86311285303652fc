package dev.bitquark.storage;

import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * SHA-1 piece verification (BEP 3: the info dictionary's {@code pieces} holds the 20-byte SHA-1 of
 * every piece, concatenated). Two paths: {@link #verify(int)} reads a piece from storage into a
 * reusable direct buffer (checking, serving); the static {@link #matches(List, byte[], int)}
 * hashes blocks the engine holds in memory (downloading).
 *
 * <p>Thread-safe: one {@link MessageDigest} per thread (a digest is not thread-safe and costly to
 * create), and a pool of piece buffers that grows to the number of threads verifying at once.
 * {@link #verify(int)} blocks on disk reads; call it from a disk or hash worker, never from an
 * event loop. The {@code pieceHashes} array is not copied and must not be modified.
 */
public final class PieceHasher {
    public static final int SHA1_LENGTH = 20;

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-1", e);
        }
    });

    private final PieceStorage storage;
    private final TorrentGeometry geometry;
    private final byte[] pieceHashes;
    private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

    /**
     * @param pieceHashes the concatenated 20-byte SHA-1 hashes of all pieces (BEP 3 {@code pieces})
     * @throws IllegalArgumentException if there is not exactly one hash per piece
     */
    public PieceHasher(PieceStorage storage, byte[] pieceHashes) {
        this.storage = storage;
        this.geometry = storage.layout().geometry();
        long expected = (long) geometry.pieceCount() * SHA1_LENGTH;
        if (pieceHashes.length != expected) {
            throw new IllegalArgumentException(
                    "piece hashes are " + pieceHashes.length + " bytes, expected " + expected + " for "
                            + geometry.pieceCount() + " pieces");
        }
        this.pieceHashes = pieceHashes;
    }

    /** This thread's SHA-1 digest, reset. */
    public static MessageDigest sha1() {
        MessageDigest md = SHA1.get();
        md.reset();
        return md;
    }

    /** SHA-1 of the remaining bytes of {@code data}; its position is not moved. */
    public static byte[] sha1(ByteBuffer data) {
        MessageDigest md = sha1();
        update(md, data.duplicate());
        return md.digest();
    }

    /** Per-thread scratch for hashing direct buffers (see {@link #update}). */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

    /**
     * Feeds the remaining bytes of {@code data} to {@code md}, consuming them. Heap buffers go straight
     * to the digest; direct ones are copied through a 256 KiB per-thread array first, because
     * {@code MessageDigest.update(ByteBuffer)} copies a direct buffer in small steps that cost more
     * than the SHA-1 itself (the digest's intrinsic only runs on arrays).
     */
    public static void update(MessageDigest md, ByteBuffer data) {
        if (data.hasArray()) {
            md.update(data);
            return;
        }
        byte[] scratch = SCRATCH.get();
        while (data.hasRemaining()) {
            int n = Math.min(scratch.length, data.remaining());
            data.get(scratch, 0, n);
            md.update(scratch, 0, n);
        }
    }

    /** True if the blocks, in order, hash to the 20 bytes at {@code offset} of {@code expected}. Positions are not moved. */
    public static boolean matches(List<ByteBuffer> blocks, byte[] expected, int offset) {
        checkHashRange(expected, offset);
        MessageDigest md = sha1();
        for (ByteBuffer b : blocks) {
            update(md, b.duplicate());
        }
        return Arrays.equals(md.digest(), 0, SHA1_LENGTH, expected, offset, offset + SHA1_LENGTH);
    }

    /** True if {@code piece}'s data, held in memory as blocks in order, has the expected hash. */
    public boolean matches(int piece, List<ByteBuffer> blocks) {
        return matches(blocks, pieceHashes, hashOffset(piece));
    }

    /**
     * Reads {@code piece} from storage and compares its hash. A piece whose file is missing or
     * too short is simply not had: false, not an error.
     *
     * @throws StorageException for any other read failure
     */
    public boolean verify(int piece) throws StorageException {
        ByteBuffer buffer = takeBuffer();
        try {
            return verify(piece, buffer);
        } finally {
            giveBack(buffer);
        }
    }

    /** A piece buffer from the pool (a new one if none is free); give it back with {@link #giveBack}. */
    ByteBuffer takeBuffer() {
        ByteBuffer buffer = buffers.poll();
        return buffer != null ? buffer : newBuffer();
    }

    void giveBack(ByteBuffer buffer) {
        buffers.offer(buffer);
    }

    /** As {@link #verify(int)}, reading into {@code buffer} (at least the piece's size; e.g. {@link #newBuffer()}). */
    public boolean verify(int piece, ByteBuffer buffer) throws StorageException {
        int size = geometry.pieceSize(piece);
        if (buffer.capacity() < size) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " bytes for a piece of " + size);
        }
        buffer.clear().limit(size);
        try {
            storage.readBlock(piece, 0, size, buffer);
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.MISSING_FILE || e.kind() == StorageException.Kind.SHORT_FILE) {
                return false;
            }
            throw e;
        }
        buffer.flip();
        MessageDigest md = sha1();
        update(md, buffer);
        int offset = hashOffset(piece);
        return Arrays.equals(md.digest(), 0, SHA1_LENGTH, pieceHashes, offset, offset + SHA1_LENGTH);
    }

    /** A direct buffer the size of the torrent's pieces. */
    public ByteBuffer newBuffer() {
        return ByteBuffer.allocateDirect(geometry.pieceLength());
    }

    /** Drops the pooled buffers (their memory goes back when collected), e.g. when a check ends. */
    public void releaseBuffers() {
        buffers.clear();
    }

    private int hashOffset(int piece) {
        geometry.pieceSize(piece); // validates the index
        return piece * SHA1_LENGTH;
    }

    private static void checkHashRange(byte[] expected, int offset) {
        if (offset < 0 || offset > expected.length - SHA1_LENGTH) {
            throw new IllegalArgumentException("no 20-byte hash at offset " + offset + " of " + expected.length + " bytes");
        }
    }
}
