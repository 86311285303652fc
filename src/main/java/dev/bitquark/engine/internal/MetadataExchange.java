package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.MetadataMessage;
import dev.bitquark.wire.PexMessage;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What both sides of BEP 9 metadata exchange share: our extended handshake (BEP 10, offering
 * {@code ut_metadata}) and answering {@code ut_metadata} requests, from the info dictionary of a
 * torrent we have or with a reject while we are still fetching it ourselves. Stateless; called on
 * the engine context.
 */
final class MetadataExchange {
    /** The extended message id we receive {@code ut_metadata} as (BEP 10: the receiver chooses it). */
    static final int LOCAL_ID = 2;
    /** Largest info dictionary we fetch; BEP 9 sets no limit, real ones are far smaller. */
    static final int MAX_FETCH_SIZE = 8 * 1024 * 1024;
    static final String CLIENT = "bitquark 0.1";

    private MetadataExchange() {
    }

    /**
     * Our BEP 10 handshake: {@code ut_metadata} is always offered (we answer requests even without
     * metadata, with rejects), {@code ut_pex} when peer exchange is on for the torrent (BEP 11);
     * {@code metadataSize} is 0 while we do not have the info dictionary.
     */
    static byte[] handshake(PeerConnection c, int listenPort, int metadataSize, boolean pex) {
        // BEP 9: metadata_size is only sent by peers that have the metadata.
        int size = metadataSize > 0 && metadataSize <= MetadataMessage.MAX_METADATA_SIZE ? metadataSize : 0;
        return MessageWriter.extended(ExtendedHandshake.ID, new ExtendedHandshake(
                pex ? Map.of(MetadataMessage.EXTENSION_NAME, LOCAL_ID, PexMessage.EXTENSION_NAME, PeerExchange.LOCAL_ID)
                        : Map.of(MetadataMessage.EXTENSION_NAME, LOCAL_ID), CLIENT, Downloads.MAX_PEER_REQUESTS,
                c.address().getAddress(), listenPort, size, false, ExtendedHandshake.NOT_SENT).encode());
    }

    /** The id the peer receives {@code ut_metadata} as, or 0 if it did not offer it. */
    static int remoteId(PeerConnection c) {
        ExtendedHandshake h = c.extendedHandshake();
        return h == null ? 0 : h.idOf(MetadataMessage.EXTENSION_NAME);
    }

    /**
     * Answers a {@code ut_metadata} message sent to us by a peer while we have {@code meta}: a
     * request for an existing piece gets the piece (BEP 9), any other request a reject; data and
     * rejects were not asked for and are ignored. A malformed message throws
     * {@link dev.bitquark.wire.WireException}, which closes the connection.
     */
    static void serve(PeerConnection c, ByteBuffer payload, Metainfo meta) {
        MetadataMessage m = MetadataMessage.decode(payload);
        int theirId = remoteId(c);
        if (!(m instanceof MetadataMessage.Request r) || theirId == 0) {
            return;
        }
        int size = meta.rawInfoLength();
        int count = (size + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE;
        // A peer filling our send queue with requests gets rejects instead of more queued data.
        if (size > MetadataMessage.MAX_METADATA_SIZE || r.piece() >= count || c.writeQueueFull()) {
            c.send(MessageWriter.extended(theirId, new MetadataMessage.Reject(r.piece()).encode()));
            return;
        }
        int from = r.piece() * MetadataMessage.PIECE_SIZE;
        byte[] piece = meta.rawInfoRange(from, Math.min(size - from, MetadataMessage.PIECE_SIZE));
        c.send(MessageWriter.extended(theirId, new MetadataMessage.Data(r.piece(), size, piece).encode()));
    }

    /** While fetching: every request is rejected (BEP 9, we do not have the metadata yet). */
    static void rejectWithoutMetadata(PeerConnection c, ByteBuffer payload) {
        MetadataMessage m = MetadataMessage.decode(payload);
        int theirId = remoteId(c);
        if (m instanceof MetadataMessage.Request r && theirId != 0) {
            c.send(MessageWriter.extended(theirId, new MetadataMessage.Reject(r.piece()).encode()));
        }
    }
}
