package dev.bitquark.engine.internal;

import static dev.bitquark.testkit.ScriptedPeer.EXTENDED;
import static dev.bitquark.testkit.ScriptedPeer.HAVE_NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.ScriptedPeer;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.MetadataMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metadata phase of a magnet link without sockets (BEP 9 over BEP 10): a scripted peer offers
 * {@code ut_metadata} and answers the fetch's requests; verified metadata turns the slot into a
 * torrent that checks and goes live; metadata that fails the info-hash bans its sender; a peer
 * without the extension protocol is refused.
 */
class MetadataFetchTest {
    /** The id the scripted peer wants ut_metadata messages as. */
    static final int PEER_UT_METADATA = 3;
    OnContext on;
    Metainfo meta;
    TorrentSlot slot;

    @BeforeEach
    void magnet() throws Exception {
        on = new OnContext();
        // Many files, so the info dictionary spans several 16 KiB metadata pieces.
        var w = dev.bitquark.metainfo.TorrentWriter.multiFile("album").pieceLength(16384);
        for (int i = 0; i < 400; i++) {
            w.addFile(java.util.List.of("track-with-a-rather-long-name-" + i + ".flac"), OnContext.payload(100, i));
        }
        meta = Metainfo.parse(w.write());
        Magnet link = Magnet.parse("magnet:?xt=urn:btih:" + meta.infoHash().toHex());
        slot = on.call(() -> {
            TorrentSlot s = TorrentSlot.magnet(on.rt, link, TorrentOptions.defaults(OnContext.DIR), null);
            s.beginMagnet(false, false);
            return s;
        });
    }

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** A peer that connected to us, said it has the metadata (BEP 9 metadata_size) and offers ut_metadata. */
    ScriptedPeer peerWithMetadata(String address) throws Exception {
        ScriptedPeer peer = new ScriptedPeer();
        on.run(() -> {
            slot.attach(peer.socket(), new InetSocketAddress(address, 6881), false, null, null);
            peer.handshake(meta.infoHash(), true, true);
            peer.extended(ExtendedHandshake.ID, new ExtendedHandshake(Map.of(MetadataMessage.EXTENSION_NAME,
                    PEER_UT_METADATA), "Scripted 1.0", 250, null, 0, meta.rawInfoLength(), true,
                    ExtendedHandshake.NOT_SENT).encode());
        });
        return peer;
    }

    /** The metadata pieces the fetch asked {@code peer} for. */
    static TreeSet<Integer> asked(ScriptedPeer peer) {
        TreeSet<Integer> pieces = new TreeSet<>();
        for (ScriptedPeer.Message m : peer.received(EXTENDED)) {
            if ((m.payload()[0] & 0xff) == PEER_UT_METADATA) {
                Matcher p = Pattern.compile("5:piecei(\\d+)e").matcher(new String(m.payload(), StandardCharsets.ISO_8859_1));
                if (p.find()) {
                    pieces.add(Integer.parseInt(p.group(1)));
                }
            }
        }
        return pieces;
    }

    /** Sends metadata piece {@code piece} as ours receives it (our ut_metadata id), optionally damaged. */
    void sendPiece(ScriptedPeer peer, int piece, boolean damaged) {
        byte[] info = meta.rawInfo();
        int from = piece * MetadataMessage.PIECE_SIZE;
        byte[] data = Arrays.copyOfRange(info, from, Math.min(info.length, from + MetadataMessage.PIECE_SIZE));
        if (damaged) {
            data[data.length / 2] ^= 1;
        }
        peer.extended(MetadataExchange.LOCAL_ID, new MetadataMessage.Data(piece, info.length, data).encode());
    }

    @Test
    void verifiedMetadataTurnsTheSlotIntoATorrentThatGoesLive() throws Exception {
        ScriptedPeer peer = peerWithMetadata("192.0.2.10");
        assertEquals(1, on.call(() -> peer.received(HAVE_NONE).size()), "BEP 6: before the metadata we have nothing");
        int pieces = (meta.rawInfoLength() + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE;
        assertTrue(pieces > 1, "the test needs metadata of several pieces");
        TreeSet<Integer> sent = new TreeSet<>();
        on.waitUntil("the torrent exists", () -> {
            for (int p : asked(peer)) {
                if (sent.add(p)) {
                    sendPiece(peer, p, false);
                }
            }
            return slot.hasMetadata();
        });
        assertEquals(pieces, sent.size(), "every metadata piece was asked for once");
        assertTrue(peer.closed(), "connections of the metadata phase end with it");
        on.waitUntil("the torrent checks and goes live", () -> slot.phase().state() == TorrentState.LIVE);
        assertEquals(meta.infoHash(), slot.torrent().metainfo().infoHash());
        assertEquals("album", on.call(() -> slot.phase().name()));
    }

    @Test
    void metadataThatFailsTheInfoHashBansItsSender() throws Exception {
        ScriptedPeer peer = peerWithMetadata("192.0.2.20");
        TreeSet<Integer> sent = new TreeSet<>();
        on.waitUntil("the sender is banned", () -> {
            for (int p : asked(peer)) {
                if (sent.add(p)) {
                    sendPiece(peer, p, p == 0);
                }
            }
            return slot.phase().bannedPeers().contains("192.0.2.20");
        });
        assertTrue(peer.closed());
        assertNull(slot.torrent(), "still fetching");
        assertEquals(TorrentState.METADATA, on.call(() -> slot.phase().state()));
        assertTrue(on.call(() -> slot.phase().metadataProgress().problems()).stream()
                .anyMatch(p -> p.contains("SHA-1")), "the problem is shown");
    }

    @Test
    void aPeerWithoutTheExtensionProtocolIsRefused() throws Exception {
        ScriptedPeer peer = new ScriptedPeer();
        on.run(() -> {
            slot.attach(peer.socket(), new InetSocketAddress("192.0.2.30", 6881), false, null, null);
            peer.handshake(meta.infoHash(), true, false);
        });
        assertTrue(peer.closed(), "BEP 9 needs BEP 10");
        assertEquals(0, on.call(() -> slot.phase().connectionCount()));
    }
}
