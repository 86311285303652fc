package dev.bitquark.metainfo;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A BitTorrent magnet link (BEP 9): {@code magnet:?xt=urn:btih:<hash>&dn=...&tr=...}.
 * Understands {@code xt} (40 hex digits or 32 base32 characters), {@code dn} (sanitized as a
 * file name, since it may name the download directory before the metadata arrives), {@code tr}
 * (http, https and udp only, de-duplicated, at most {@value #MAX_TRACKERS}), {@code x.pe} peer
 * hints ({@code host:port}, {@code [v6]:port}; malformed ones are skipped, as libtorrent does;
 * at most {@value #MAX_PEERS}), {@code so} (BEP 53 file selection) and {@code ws} (BEP 19 web
 * seeds, kept but not used here). Indexed keys like {@code tr.1} count as their base key; unknown
 * keys are ignored. Immutable and thread-safe.
 */
public final class Magnet {
    /** Longest magnet URI accepted. */
    public static final int MAX_URI_LENGTH = 1024 * 1024;
    public static final int MAX_TRACKERS = TrackerUrls.MAX_TRACKERS;
    public static final int MAX_PEERS = 100;
    public static final int MAX_WEB_SEEDS = TrackerUrls.MAX_WEB_SEEDS;
    /** File indexes in {@code so} must be below this (the file count cap of a torrent). */
    public static final int MAX_FILE_INDEX = InfoParser.MAX_FILES - 1;
    private static final String PREFIX = "magnet:?";
    private static final String BTIH = "urn:btih:";

    private final InfoHash infoHash;
    private final String displayName;
    private final List<String> trackers;
    private final List<InetSocketAddress> peers;
    private final BitSet selectedFiles;
    private final List<String> webSeeds;

    private Magnet(InfoHash infoHash, String displayName, List<String> trackers, List<InetSocketAddress> peers,
                   BitSet selectedFiles, List<String> webSeeds) {
        this.infoHash = Objects.requireNonNull(infoHash);
        this.displayName = displayName;
        this.trackers = List.copyOf(trackers);
        this.peers = List.copyOf(peers);
        this.selectedFiles = selectedFiles;
        this.webSeeds = List.copyOf(webSeeds);
    }

    /** A magnet with an info-hash, optional name and trackers; invalid trackers are dropped. */
    public static Magnet of(InfoHash infoHash, String name, List<String> trackers) {
        List<String> kept = new ArrayList<>();
        for (String t : new LinkedHashSet<>(trackers)) {
            String url = TrackerUrls.tracker(t);
            if (url != null && kept.size() < MAX_TRACKERS && !kept.contains(url)) {
                kept.add(url);
            }
        }
        String dn = name == null ? "" : PathSanitizer.sanitizeComponent(name);
        return new Magnet(infoHash, dn.isEmpty() ? null : dn, kept, List.of(), new BitSet(), List.of());
    }

    /** Parses a magnet URI; throws {@link BadMagnetException} naming the bad part. */
    public static Magnet parse(String uri) {
        if (uri == null) {
            throw new BadMagnetException("uri", "is null");
        }
        if (uri.length() > MAX_URI_LENGTH) {
            throw new BadMagnetException("uri", "is " + uri.length() + " characters, more than " + MAX_URI_LENGTH);
        }
        String s = uri.strip();
        if (!s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new BadMagnetException("uri", "does not start with \"magnet:?\"");
        }
        int hash = s.indexOf('#');
        String query = s.substring(PREFIX.length(), hash < 0 ? s.length() : hash);
        InfoHash infoHash = null;
        String displayName = null;
        LinkedHashSet<String> trackers = new LinkedHashSet<>();
        List<InetSocketAddress> peers = new ArrayList<>();
        BitSet selected = new BitSet();
        LinkedHashSet<String> webSeeds = new LinkedHashSet<>();
        for (String param : query.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = baseKey((eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT));
            String raw = eq < 0 ? "" : param.substring(eq + 1);
            switch (key) {
                case "xt" -> {
                    InfoHash h = exactTopic(percentDecode(raw, key));
                    if (h != null && infoHash != null && !h.equals(infoHash)) {
                        throw new BadMagnetException("xt", "two different info-hashes: " + infoHash + " and " + h);
                    }
                    infoHash = h != null ? h : infoHash;
                }
                case "dn" -> {
                    if (displayName == null) {
                        String dn = PathSanitizer.sanitizeComponent(percentDecode(raw, key));
                        displayName = dn.isEmpty() ? null : dn;
                    }
                }
                case "tr" -> {
                    String url = TrackerUrls.tracker(percentDecode(raw, key));
                    if (url != null && trackers.size() < MAX_TRACKERS) {
                        trackers.add(url);
                    }
                }
                case "ws" -> {
                    String url = TrackerUrls.webSeed(percentDecode(raw, key));
                    if (url != null && webSeeds.size() < MAX_WEB_SEEDS) {
                        webSeeds.add(url);
                    }
                }
                case "x.pe" -> {
                    InetSocketAddress peer = peer(percentDecode(raw, key));
                    if (peer != null && peers.size() < MAX_PEERS && !peers.contains(peer)) {
                        peers.add(peer);
                    }
                }
                case "so" -> selectFiles(percentDecode(raw, key), selected);
                default -> {
                    // Unknown keys (xl, as, kt, ...) carry nothing we use.
                }
            }
        }
        if (infoHash == null) {
            throw new BadMagnetException("xt", "missing \"urn:btih:\" info-hash");
        }
        return new Magnet(infoHash, displayName, new ArrayList<>(trackers), peers, selected, new ArrayList<>(webSeeds));
    }

    /** {@code tr.1} counts as {@code tr}; {@code x.pe} is a key of its own. */
    private static String baseKey(String key) {
        int dot = key.lastIndexOf('.');
        if (dot > 0 && dot < key.length() - 1 && key.substring(dot + 1).chars().allMatch(Character::isDigit)) {
            return key.substring(0, dot);
        }
        return key;
    }

    /** The info-hash of an {@code urn:btih:} topic, or null for other topics (e.g. BEP 52 btmh). */
    private static InfoHash exactTopic(String xt) {
        if (!xt.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
            if (xt.regionMatches(true, 0, "urn:", 0, 4)) {
                return null;
            }
            throw new BadMagnetException("xt", "not a URN: \"" + shorten(xt) + "\"");
        }
        String h = xt.substring(BTIH.length());
        if (h.length() == 40) {
            try {
                return InfoHash.fromHex(h);
            } catch (IllegalArgumentException e) {
                throw new BadMagnetException("xt", "info-hash is not 40 hex digits: \"" + shorten(h) + "\"");
            }
        }
        if (h.length() == 32) {
            return InfoHash.of(base32(h));
        }
        throw new BadMagnetException("xt",
                "info-hash must be 40 hex digits or 32 base32 characters, got " + h.length() + " characters");
    }

    /** RFC 4648 base32 (BEP 9 allows it for the info-hash), 32 characters to 20 bytes. */
    private static byte[] base32(String s) {
        byte[] out = new byte[20];
        long buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                throw new BadMagnetException("xt", "info-hash is not base32: bad character '" + s.charAt(i) + "'");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >>> bits);
            }
        }
        return out;
    }

    /** {@code host:port} or {@code [ipv6]:port}, or null if malformed. */
    static InetSocketAddress peer(String s) {
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                return null;
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (host.isEmpty() || host.indexOf(':') < 0 || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0
                    || c == ':' || c == '.')) {
                return null;
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (!host.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return null;
            }
        }
        if (host.length() > 253 || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int p = Integer.parseInt(port);
        return p < 1 || p > 65535 ? null : InetSocketAddress.createUnresolved(host, p);
    }

    /** BEP 53 {@code so=0,2,4-6}: indexes and inclusive ranges of files to download. */
    private static void selectFiles(String so, BitSet selected) {
        if (so.isEmpty()) {
            throw new BadMagnetException("so", "is empty");
        }
        for (String item : so.split(",", -1)) {
            int dash = item.indexOf('-');
            int from = fileIndex(dash < 0 ? item : item.substring(0, dash), item);
            int to = dash < 0 ? from : fileIndex(item.substring(dash + 1), item);
            if (to < from) {
                throw new BadMagnetException("so", "range \"" + shorten(item) + "\" ends before it starts");
            }
            selected.set(from, to + 1);
        }
    }

    private static int fileIndex(String digits, String item) {
        if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadMagnetException("so", "\"" + shorten(item) + "\" is not a file index or range");
        }
        int v = Integer.parseInt(digits);
        if (v > MAX_FILE_INDEX) {
            throw new BadMagnetException("so", "file index " + v + " above " + MAX_FILE_INDEX);
        }
        return v;
    }

    /** Percent-decoding as UTF-8, {@code +} as space (libtorrent and browsers agree on that). */
    private static String percentDecode(String s, String key) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new BadMagnetException(key, "bad percent escape at character " + i);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** The {@code dn} name, sanitized as one path component. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** Tracker URLs in link order; each is its own BEP 12 tier candidate. */
    public List<String> trackers() {
        return trackers;
    }

    /** {@code x.pe} peer hints, unresolved. */
    public List<InetSocketAddress> peers() {
        return peers;
    }

    /** BEP 53 selected file indexes, ascending; empty when the link selects nothing (all files). */
    public SortedSet<Integer> selectedFiles() {
        TreeSet<Integer> out = new TreeSet<>();
        selectedFiles.stream().forEach(out::add);
        return Collections.unmodifiableSortedSet(out);
    }

    /** True if the link has a BEP 53 selection. */
    public boolean hasFileSelection() {
        return !selectedFiles.isEmpty();
    }

    /** True if file {@code index} is selected, or the link has no selection. */
    public boolean isFileSelected(int index) {
        return selectedFiles.isEmpty() || (index >= 0 && selectedFiles.get(index));
    }

    /** BEP 19 web seeds ({@code ws}), kept for later use. */
    public List<String> webSeeds() {
        return webSeeds;
    }

    /**
     * This link with other trackers and peer hints (the name, web seeds and file selection stay): what a client
     * keeps for a link it is still fetching. Invalid trackers are dropped; both lists are capped as in {@link #parse}.
     */
    public Magnet withTrackersAndPeers(List<String> newTrackers, List<InetSocketAddress> newPeers) {
        List<String> kept = new ArrayList<>();
        for (String t : newTrackers) {
            String url = TrackerUrls.tracker(t);
            if (url != null && kept.size() < MAX_TRACKERS && !kept.contains(url)) {
                kept.add(url);
            }
        }
        List<InetSocketAddress> hints = new ArrayList<>();
        for (InetSocketAddress p : newPeers) {
            if (p != null && p.getPort() > 0 && hints.size() < MAX_PEERS && !hints.contains(p)) {
                hints.add(p);
            }
        }
        return new Magnet(infoHash, displayName, kept, hints, (BitSet) selectedFiles.clone(), webSeeds);
    }

    /** The link in canonical form: hex info-hash first, then dn, tr, ws, x.pe and so. */
    public String toUri() {
        StringBuilder sb = new StringBuilder(PREFIX).append("xt=").append(BTIH).append(infoHash.toHex());
        if (displayName != null) {
            sb.append("&dn=").append(percentEncode(displayName));
        }
        for (String t : trackers) {
            sb.append("&tr=").append(percentEncode(t));
        }
        for (String w : webSeeds) {
            sb.append("&ws=").append(percentEncode(w));
        }
        for (InetSocketAddress p : peers) {
            String host = p.getAddress() != null ? p.getAddress().getHostAddress() : p.getHostString();
            // Hosts were checked to be [A-Za-z0-9.:-] when parsed: safe in a query as they are.
            sb.append("&x.pe=").append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(p.getPort());
        }
        if (!selectedFiles.isEmpty()) {
            sb.append("&so=");
            int from = selectedFiles.nextSetBit(0);
            boolean first = true;
            while (from >= 0) {
                int to = selectedFiles.nextClearBit(from) - 1;
                sb.append(first ? "" : ",").append(from);
                if (to > from) {
                    sb.append('-').append(to);
                }
                first = false;
                from = selectedFiles.nextSetBit(to + 1);
            }
        }
        return sb.toString();
    }

    /** RFC 3986: everything but unreserved characters is escaped, as UTF-8. */
    private static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Magnet m && infoHash.equals(m.infoHash) && Objects.equals(displayName, m.displayName)
                && trackers.equals(m.trackers) && peers.equals(m.peers) && selectedFiles.equals(m.selectedFiles)
                && webSeeds.equals(m.webSeeds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(infoHash, displayName, trackers, peers, selectedFiles, webSeeds);
    }

    @Override
    public String toString() {
        return toUri();
    }
}
