package dev.bitquark.wire;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BValue;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A BEP 11 {@code ut_pex} message: peers the sender connected to ({@code added}, with one flags
 * byte each in {@code added.f}) and disconnected from ({@code dropped}) since its last message,
 * as compact lists: 6 bytes per IPv4 peer, 18 per IPv6 peer ({@code added6}, {@code dropped6}).
 * Immutable and thread-safe.
 *
 * <p>Limits: we send at most {@value #MAX_SENT} added and {@value #MAX_SENT} dropped peers per
 * message, as libtorrent does; on receipt we keep the first {@value #MAX_ACCEPTED} of each and
 * ignore the rest, and skip entries with port 0 (nobody can connect to them). A compact list
 * whose length is not a multiple of the entry size is an error.
 *
 * @param added   peers to try, IPv4 then IPv6
 * @param dropped peers to forget
 */
public record PexMessage(List<Peer> added, List<InetSocketAddress> dropped) {
    public static final String EXTENSION_NAME = "ut_pex";
    public static final int MAX_SENT = 50;
    public static final int MAX_ACCEPTED = 200;

    /** BEP 11 {@code added.f} bits. */
    public static final int FLAG_PREFERS_ENCRYPTION = 0x01;
    public static final int FLAG_SEED = 0x02;
    public static final int FLAG_UTP = 0x04;
    public static final int FLAG_HOLEPUNCH = 0x08;
    public static final int FLAG_REACHABLE = 0x10;

    /** An added peer and its BEP 11 flags byte. */
    public record Peer(InetSocketAddress address, int flags) {
        public Peer {
            Objects.requireNonNull(address, "address");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("peer address must be an IP address: " + address);
            }
            if (flags < 0 || flags > 0xFF) {
                throw new IllegalArgumentException("flags " + flags + " outside 0..255");
            }
        }
    }

    public PexMessage {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        for (InetSocketAddress a : dropped) {
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("peer address must be an IP address: " + a);
            }
        }
    }

    /** The payload after the extended id byte; refuses more than {@value #MAX_SENT} added or dropped peers. */
    public byte[] encode() {
        if (added.size() > MAX_SENT || dropped.size() > MAX_SENT) {
            throw new IllegalArgumentException("at most " + MAX_SENT + " added and dropped peers per message, got "
                    + added.size() + " and " + dropped.size());
        }
        ByteArrayOutputStream added4 = new ByteArrayOutputStream();
        ByteArrayOutputStream flags4 = new ByteArrayOutputStream();
        ByteArrayOutputStream added6 = new ByteArrayOutputStream();
        ByteArrayOutputStream flags6 = new ByteArrayOutputStream();
        for (Peer p : added) {
            boolean v4 = p.address().getAddress() instanceof Inet4Address;
            compact(p.address(), v4 ? added4 : added6);
            (v4 ? flags4 : flags6).write(p.flags());
        }
        ByteArrayOutputStream dropped4 = new ByteArrayOutputStream();
        ByteArrayOutputStream dropped6 = new ByteArrayOutputStream();
        for (InetSocketAddress a : dropped) {
            compact(a, a.getAddress() instanceof Inet4Address ? dropped4 : dropped6);
        }
        // BEP 11 peers expect all keys, empty strings included.
        return BEncoder.encode(BDict.builder()
                .put("added", added4.toByteArray())
                .put("added.f", flags4.toByteArray())
                .put("added6", added6.toByteArray())
                .put("added6.f", flags6.toByteArray())
                .put("dropped", dropped4.toByteArray())
                .put("dropped6", dropped6.toByteArray())
                .build());
    }

    /** Decodes the payload of a {@code ut_pex} extended message; {@code payload}'s position is unchanged. */
    public static PexMessage decode(ByteBuffer payload) {
        BDict d = BencodedPayload.decode(payload, "ut_pex").dict();
        List<Peer> added = new ArrayList<>();
        addPeers(d, "added", 4, added);
        addPeers(d, "added6", 16, added);
        List<InetSocketAddress> dropped = new ArrayList<>();
        addAddresses(d, "dropped", 4, dropped);
        addAddresses(d, "dropped6", 16, dropped);
        return new PexMessage(added, dropped);
    }

    private static void addPeers(BDict d, String key, int ipLength, List<Peer> out) {
        BBytes list = compactList(d, key, ipLength);
        // A missing or short flags string means "no flags" for the peers it does not cover.
        BBytes flags = d.get(key + ".f") instanceof BBytes f ? f : BBytes.EMPTY;
        int entry = ipLength + 2;
        for (int i = 0; i < list.length() / entry && out.size() < MAX_ACCEPTED; i++) {
            InetSocketAddress a = address(list, i * entry, ipLength);
            if (a != null) {
                out.add(new Peer(a, i < flags.length() ? flags.byteAt(i) & 0xFF : 0));
            }
        }
    }

    private static void addAddresses(BDict d, String key, int ipLength, List<InetSocketAddress> out) {
        BBytes list = compactList(d, key, ipLength);
        int entry = ipLength + 2;
        for (int i = 0; i < list.length() / entry && out.size() < MAX_ACCEPTED; i++) {
            InetSocketAddress a = address(list, i * entry, ipLength);
            if (a != null) {
                out.add(a);
            }
        }
    }

    /** The compact list at {@code key}: absent is empty; another type or a ragged length is an error. */
    private static BBytes compactList(BDict d, String key, int ipLength) {
        BValue v = d.get(key);
        if (v == null) {
            return BBytes.EMPTY;
        }
        if (!(v instanceof BBytes b)) {
            throw new WireException("ut_pex: \"" + key + "\" is " + BencodedPayload.article(v.typeName()) + ", expected a byte string");
        }
        if (b.length() % (ipLength + 2) != 0) {
            throw new WireException("ut_pex: \"" + key + "\" has " + b.length() + " bytes, not a multiple of "
                    + (ipLength + 2));
        }
        return b;
    }

    /** The entry at {@code off}, or null for port 0. */
    private static InetSocketAddress address(BBytes list, int off, int ipLength) {
        int port = ((list.byteAt(off + ipLength) & 0xFF) << 8) | (list.byteAt(off + ipLength + 1) & 0xFF);
        if (port == 0) {
            return null;
        }
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = list.byteAt(off + i);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreachable: address length is 4 or 16", e);
        }
    }

    private static void compact(InetSocketAddress a, ByteArrayOutputStream out) {
        out.writeBytes(a.getAddress().getAddress());
        out.write(a.getPort() >>> 8);
        out.write(a.getPort());
    }
}
