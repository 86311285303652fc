package dev.bitquark.dht.store;

import dev.bitquark.dht.krpc.NodeId;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * The announce tokens of BEP 5: "the SHA1 hash of the IP address concatenated onto a secret that
 * changes every five minutes and tokens up to ten minutes old are accepted". A token here also
 * covers the info-hash, so a token handed out for one torrent (one we are close to) cannot be used
 * to announce another. Tokens are truncated to {@value #LENGTH} bytes, as libtorrent does with 4.
 * Not thread-safe.
 */
public final class Tokens {
    public static final long ROTATE_MILLIS = 5 * 60_000L;
    public static final int LENGTH = 8;
    private static final int SECRET_LENGTH = 16;

    private final RandomGenerator random;
    private final MessageDigest sha1;
    private byte[] current;
    private byte[] previous;
    private long rotatedAt;

    public Tokens(RandomGenerator random, long now) {
        this.random = random;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        this.current = secret();
        this.previous = secret();
        this.rotatedAt = now;
    }

    private byte[] secret() {
        byte[] s = new byte[SECRET_LENGTH];
        random.nextBytes(s);
        return s;
    }

    /** Rotates the secret every five minutes; the previous one stays valid for five more. */
    public void tick(long now) {
        if (now - rotatedAt >= ROTATE_MILLIS) {
            previous = current;
            current = secret();
            rotatedAt = now;
        }
    }

    public byte[] token(InetAddress ip, NodeId infoHash) {
        return token(current, ip, infoHash);
    }

    /** True if {@code token} was made by the current or the previous secret for this ip and info-hash. */
    public boolean valid(byte[] token, InetAddress ip, NodeId infoHash) {
        return token != null && token.length == LENGTH
                && (MessageDigest.isEqual(token, token(current, ip, infoHash))
                || MessageDigest.isEqual(token, token(previous, ip, infoHash)));
    }

    private byte[] token(byte[] secret, InetAddress ip, NodeId infoHash) {
        sha1.reset();
        sha1.update(secret);
        sha1.update(ip.getAddress());
        sha1.update(infoHash.toBytes());
        byte[] full = sha1.digest();
        byte[] out = new byte[LENGTH];
        System.arraycopy(full, 0, out, 0, LENGTH);
        return out;
    }
}
