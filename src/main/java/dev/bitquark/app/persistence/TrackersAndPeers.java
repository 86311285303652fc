package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.PeerAddress;
import dev.bitquark.metainfo.TrackerUrls;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The trackers in force and the peers worth dialing of a torrent, as stored with its resume data: trackers as a
 * bencoded list of tiers (lists of URLs), peers as a bencoded list of {@code ip:port} strings ({@link PeerAddress}).
 * The file store puts both lists into the resume dictionary; PostgreSQL keeps each as a bencoded byte string.
 * Decoding is strict about shape and size and drops nothing silently: a bad entry fails the whole field. Stateless.
 */
public final class TrackersAndPeers {
    /** Longest tracker URL kept. */
    static final int MAX_URL_BYTES = 4096;
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(3)
            .withMaxTokens(4 * TrackerUrls.MAX_TRACKERS + 4 * ResumeData.MAX_PEERS + 16)
            .withMaxStringLength(MAX_URL_BYTES);

    private TrackersAndPeers() {
    }

    static BList trackers(List<List<String>> tiers) {
        List<BValue> out = new ArrayList<>(tiers.size());
        for (List<String> tier : tiers) {
            out.add(new BList(tier.stream().<BValue>map(BBytes::of).toList()));
        }
        return new BList(out);
    }

    static BList peers(List<InetSocketAddress> peers) {
        return new BList(peers.stream().<BValue>map(p -> BBytes.of(PeerAddress.format(p))).toList());
    }

    static byte[] encodeTrackers(List<List<String>> tiers) {
        return tiers == null ? null : BEncoder.encode(trackers(tiers));
    }

    static byte[] encodePeers(List<InetSocketAddress> peers) {
        return BEncoder.encode(peers(peers));
    }

    /** Tiers of tracker URLs from {@code v}; {@code field} names it in the message. */
    static List<List<String>> trackers(BValue v, String field) throws PersistenceException {
        if (!(v instanceof BList tiers)) {
            throw new PersistenceException(field + ": expected a list of tiers, got " + v.typeName());
        }
        List<List<String>> out = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < tiers.size(); i++) {
            if (!(tiers.get(i) instanceof BList urls)) {
                throw new PersistenceException(field + "[" + i + "]: expected a list of URLs");
            }
            List<String> tier = new ArrayList<>();
            for (int j = 0; j < urls.size(); j++) {
                if (!(urls.get(j) instanceof BBytes b) || !b.isValidUtf8() || b.length() > MAX_URL_BYTES) {
                    throw new PersistenceException(field + "[" + i + "][" + j + "]: expected a URL of at most "
                            + MAX_URL_BYTES + " bytes of UTF-8");
                }
                tier.add(b.asString());
                if (++total > TrackerUrls.MAX_TRACKERS) {
                    throw new PersistenceException(field + ": more than " + TrackerUrls.MAX_TRACKERS + " trackers");
                }
            }
            out.add(tier);
        }
        return out;
    }

    /** Peer addresses from {@code v}; {@code field} names it in the message. */
    static List<InetSocketAddress> peers(BValue v, String field) throws PersistenceException {
        if (!(v instanceof BList list)) {
            throw new PersistenceException(field + ": expected a list of addresses, got " + v.typeName());
        }
        if (list.size() > ResumeData.MAX_PEERS) {
            throw new PersistenceException(field + ": " + list.size() + " peers, more than " + ResumeData.MAX_PEERS);
        }
        List<InetSocketAddress> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            InetSocketAddress a = list.get(i) instanceof BBytes b && b.isValidUtf8() ? PeerAddress.parse(b.asString())
                    : null;
            if (a == null) {
                throw new PersistenceException(field + "[" + i + "]: expected ip:port");
            }
            out.add(a);
        }
        return out;
    }

    static List<List<String>> decodeTrackers(byte[] bytes, String field) throws PersistenceException {
        return bytes == null ? null : trackers(decode(bytes, field), field);
    }

    static List<InetSocketAddress> decodePeers(byte[] bytes, String field) throws PersistenceException {
        return bytes == null ? List.of() : peers(decode(bytes, field), field);
    }

    private static BValue decode(byte[] bytes, String field) throws PersistenceException {
        try {
            return BDecoder.decode(bytes, LIMITS);
        } catch (BencodeException e) {
            throw new PersistenceException(field + ": not valid bencode: " + e.getMessage(), e);
        }
    }
}
