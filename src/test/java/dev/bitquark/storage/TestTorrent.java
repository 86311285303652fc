package dev.bitquark.storage;

import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A torrent made up for tests: a layout, its random payload (zeros in padding) and its piece hashes. */
final class TestTorrent {
    final StorageLayout layout;
    final byte[] payload;
    final byte[] hashes;

    private TestTorrent(StorageLayout layout, byte[] payload, byte[] hashes) {
        this.layout = layout;
        this.payload = payload;
        this.hashes = hashes;
    }

    static Builder builder(int pieceLength) {
        return new Builder(pieceLength);
    }

    TorrentGeometry geometry() {
        return layout.geometry();
    }

    /** The bytes of {@code length} at {@code begin} of {@code piece}, as a fresh heap buffer. */
    ByteBuffer bytes(int piece, int begin, int length) {
        return ByteBuffer.wrap(payload, (int) geometry().pieceOffset(piece) + begin, length).slice();
    }

    /** The bytes of {@code piece}. */
    byte[] pieceBytes(int piece) {
        int start = (int) geometry().pieceOffset(piece);
        return Arrays.copyOfRange(payload, start, start + geometry().pieceSize(piece));
    }

    byte[] fileBytes(int file) {
        StorageFile f = layout.file(file);
        return Arrays.copyOfRange(payload, (int) f.offset(), (int) f.end());
    }

    /** Every block of the torrent as (piece, begin, length), shuffled. */
    List<int[]> shuffledBlocks(Random random) {
        List<int[]> blocks = new ArrayList<>();
        for (int p = 0; p < geometry().pieceCount(); p++) {
            for (int b = 0; b < geometry().blocksInPiece(p); b++) {
                blocks.add(new int[] {p, b * TorrentGeometry.BLOCK_SIZE, geometry().blockSize(p, b)});
            }
        }
        Collections.shuffle(blocks, random);
        return blocks;
    }

    void writeAll(PieceStorage storage, Random random) throws StorageException {
        for (int[] b : shuffledBlocks(random)) {
            storage.writeBlock(b[0], b[1], bytes(b[0], b[1], b[2]));
        }
    }

    static final class Builder {
        private final int pieceLength;
        private final List<StorageFile> files = new ArrayList<>();
        private long offset;

        private Builder(int pieceLength) {
            this.pieceLength = pieceLength;
        }

        Builder file(long length, String... path) {
            files.add(new StorageFile(files.size(), List.of(path), length, offset, false));
            offset += length;
            return this;
        }

        /** A BEP 47 padding file that aligns the next file to a piece boundary. */
        Builder padToPiece() {
            return padding((pieceLength - offset % pieceLength) % pieceLength);
        }

        /** A BEP 47 padding file of {@code length} bytes. */
        Builder padding(long length) {
            files.add(new StorageFile(files.size(), List.of(".pad", Long.toString(length)), length, offset, true));
            offset += length;
            return this;
        }

        TestTorrent build(long seed) {
            byte[] payload = new byte[Math.toIntExact(offset)];
            new Random(seed).nextBytes(payload);
            for (StorageFile f : files) {
                if (f.padding()) {
                    Arrays.fill(payload, (int) f.offset(), (int) f.end(), (byte) 0);
                }
            }
            TorrentGeometry g = new TorrentGeometry(offset, pieceLength);
            byte[] hashes = new byte[g.pieceCount() * 20];
            try {
                for (int p = 0; p < g.pieceCount(); p++) {
                    MessageDigest md = MessageDigest.getInstance("SHA-1");
                    md.update(payload, (int) g.pieceOffset(p), g.pieceSize(p));
                    System.arraycopy(md.digest(), 0, hashes, p * 20, 20);
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
            return new TestTorrent(new StorageLayout(g, files), payload, hashes);
        }
    }
}
