package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * String-encoded picker set-ups in the style of libtorrent's test_piece_picker: {@code availability} has one
 * digit per piece (how many non-seed peers have it) and {@code have} marks had pieces with 'X'. The availability
 * comes from real bitfields of background peers with keys 1000, 1001, ...
 */
final class PickerScenario {
    static final int BLOCK = TorrentGeometry.BLOCK_SIZE;

    private PickerScenario() {
    }

    static TorrentGeometry geometry(int pieces, int blocksPerPiece) {
        return new TorrentGeometry((long) pieces * blocksPerPiece * BLOCK, blocksPerPiece * BLOCK);
    }

    static PiecePicker picker(String availability, String have) {
        return picker(availability, have, 1, PiecePicker.DEFAULT_MAX_REQUESTERS);
    }

    static PiecePicker picker(String availability, String have, int blocksPerPiece, int maxRequesters) {
        int n = availability.length();
        if (have.length() != n) {
            throw new IllegalArgumentException("availability and have strings differ in length");
        }
        PiecePicker picker = new PiecePicker(geometry(n, blocksPerPiece), new Random(7), maxRequesters);
        int peers = 0;
        for (char c : availability.toCharArray()) {
            peers = Math.max(peers, c - '0');
        }
        for (int peer = 0; peer < peers; peer++) {
            Bitfield b = new Bitfield(n);
            for (int i = 0; i < n; i++) {
                if (availability.charAt(i) - '0' > peer) {
                    b.set(i);
                }
            }
            picker.peerBitfield(1000 + peer, b);
        }
        for (int i = 0; i < n; i++) {
            if (have.charAt(i) == 'X') {
                picker.markHave(i);
            }
        }
        return picker;
    }

    /** The pieces of {@code requests}, in order. */
    static List<Integer> pieces(List<BlockRequest> requests) {
        List<Integer> out = new ArrayList<>();
        for (BlockRequest r : requests) {
            out.add(r.piece());
        }
        return out;
    }

    static List<BlockRequest> pick(PiecePicker picker, PeerView peer, int max) {
        List<BlockRequest> out = new ArrayList<>();
        int n = picker.pickBlocks(peer, max, out);
        if (n != out.size()) {
            throw new AssertionError("pickBlocks returned " + n + " but added " + out.size());
        }
        return out;
    }

    /** Delivers, verifies and writes every block of {@code piece} ({@code blocks} blocks), as a healthy download would. */
    static void download(PiecePicker picker, int key, int piece, int blocks) {
        for (int b = 0; b < blocks; b++) {
            picker.onBlockReceived(key, piece, b);
        }
        picker.onPieceVerified(piece);
        for (int b = 0; b < blocks; b++) {
            picker.onBlockWritten(piece, b);
        }
    }
}
