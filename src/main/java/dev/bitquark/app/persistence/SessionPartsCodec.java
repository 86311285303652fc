package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a torrent and of the session that organize them, as bencoded dictionaries inside the stored
 * documents (resume data, a stored magnet, the settings) and, in PostgreSQL, as a column of their own: a torrent's
 * category, tags, seeding goals, forced start, queue order and times; the session's queue limits, seeding goals,
 * categories and tags. Every key is optional when decoding (absent: the default), so documents written before
 * these parts existed load as before. Ratios are kept as decimal text (bencode has no fractions). Stateless.
 */
public final class SessionPartsCodec {
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(4)
            .withMaxTokens(4 * (SessionSettings.MAX_CATEGORIES + SessionSettings.MAX_TAGS) + 256)
            .withMaxStringLength(64 * 1024);
    private static final int MAX_NAME_BYTES = 4 * TorrentPolicy.MAX_NAME;

    /** A torrent's parts, as decoded. */
    public record TorrentParts(TorrentPolicy policy, long queueOrder, TorrentTimes times,
                               java.util.Map<Integer, List<String>> renamed) {
        public static final TorrentParts NONE = new TorrentParts(TorrentPolicy.DEFAULT, 0, TorrentTimes.NONE,
                java.util.Map.of());
    }

    /** Most path components of a renamed file, and bytes in one. */
    private static final int MAX_COMPONENTS = 256;
    private static final int MAX_COMPONENT_BYTES = 1024;

    /** The session's parts, as decoded. */
    public record Library(QueueSettings queue, SeedGoals goals, SortedMap<String, String> categories,
                          SortedSet<String> tags) {
    }

    private SessionPartsCodec() {
    }

    public static BDict torrent(TorrentPolicy p, long queueOrder, TorrentTimes t) {
        return torrent(p, queueOrder, t, java.util.Map.of());
    }

    /** With the files the user renamed (index → path components below the save folder). */
    public static BDict torrent(TorrentPolicy p, long queueOrder, TorrentTimes t,
                                java.util.Map<Integer, List<String>> renamed) {
        List<BValue> tags = new ArrayList<>();
        for (String tag : p.tags()) {
            tags.add(BBytes.of(tag));
        }
        BDict.Builder b = BDict.builder();
        if (p.category() != null) {
            b.put("category", p.category());
        }
        if (p.name() != null) {
            b.put("name", p.name());
        }
        return b
                .put("tags", new BList(tags))
                .put("ratio-limit", ratio(p.goals().ratio()))
                .put("seeding-minutes", p.goals().seedingMinutes())
                .put("idle-minutes", p.goals().idleMinutes())
                .put("forced", p.forced() ? 1 : 0)
                .put("first-last", p.firstLastPieces() ? 1 : 0)
                .put("queue-order", queueOrder)
                .put("downloading-s", t.downloadingSeconds())
                .put("seeding-s", t.seedingSeconds())
                .put("last-activity", t.lastActivityMillis())
                .put("renamed", renamed(renamed))
                .build();
    }

    private static BDict renamed(java.util.Map<Integer, List<String>> renamed) {
        BDict.Builder b = BDict.builder();
        new java.util.TreeMap<>(renamed).forEach((index, path) -> {
            List<BValue> parts = new ArrayList<>();
            path.forEach(c -> parts.add(BBytes.of(c)));
            b.put(Integer.toString(index), new BList(parts));
        });
        return b.build();
    }

    public static byte[] torrentBytes(TorrentPolicy p, long queueOrder, TorrentTimes t) {
        return BEncoder.encode(torrent(p, queueOrder, t));
    }

    public static byte[] torrentBytes(TorrentPolicy p, long queueOrder, TorrentTimes t,
                                      java.util.Map<Integer, List<String>> renamed) {
        return BEncoder.encode(torrent(p, queueOrder, t, renamed));
    }

    /** Decodes a torrent's parts from the value under {@code key} of {@code f}, or the defaults if absent. */
    static TorrentParts torrent(StateFields f, String key) throws PersistenceException {
        if (!f.has(key)) {
            return TorrentParts.NONE;
        }
        StateFields d = f.dict(key);
        try {
            List<String> tags = new ArrayList<>();
            if (d.has("tags")) {
                BList l = d.list("tags", TorrentPolicy.MAX_TAGS);
                for (int i = 0; i < l.size(); i++) {
                    tags.add(d.textValue("tags[" + i + "]", l.get(i), MAX_NAME_BYTES));
                }
            }
            SeedGoals goals = new SeedGoals(d.has("ratio-limit") ? ratio(d, "ratio-limit") : SeedGoals.SESSION,
                    d.optionalInteger("seeding-minutes", SeedGoals.SESSION, SeedGoals.MAX_MINUTES, SeedGoals.SESSION),
                    d.optionalInteger("idle-minutes", SeedGoals.SESSION, SeedGoals.MAX_MINUTES, SeedGoals.SESSION));
            TorrentPolicy policy = new TorrentPolicy(d.optionalText("category", MAX_NAME_BYTES), tags, goals,
                    d.optionalInteger("forced", 0, 1, 0) == 1, d.optionalInteger("first-last", 0, 1, 0) == 1,
                    d.optionalText("name", 4 * TorrentPolicy.MAX_TORRENT_NAME));
            java.util.Map<Integer, List<String>> renamed = new java.util.HashMap<>();
            if (d.has("renamed")) {
                StateFields r = d.dict("renamed");
                for (String file : r.keys(ResumeDataCodec.MAX_FILES)) {
                    int index;
                    try {
                        index = Integer.parseInt(file);
                    } catch (NumberFormatException e) {
                        throw r.error(file, "is not a file index");
                    }
                    BList l = r.list(file, MAX_COMPONENTS);
                    List<String> path = new ArrayList<>();
                    for (int i = 0; i < l.size(); i++) {
                        path.add(r.textValue(file + "[" + i + "]", l.get(i), MAX_COMPONENT_BYTES));
                    }
                    renamed.put(index, path);
                }
            }
            return new TorrentParts(policy, d.optionalInteger("queue-order", Long.MIN_VALUE, Long.MAX_VALUE, 0),
                    new TorrentTimes(d.optionalInteger("downloading-s", 0, Long.MAX_VALUE, 0),
                            d.optionalInteger("seeding-s", 0, Long.MAX_VALUE, 0),
                            d.optionalInteger("last-activity", 0, Long.MAX_VALUE, 0)), renamed);
        } catch (IllegalArgumentException e) {
            throw f.error(key, "is not valid: " + e.getMessage());
        }
    }

    /** A torrent's parts from a PostgreSQL column (null: the defaults). */
    public static TorrentParts torrent(byte[] column, String what) throws PersistenceException {
        if (column == null) {
            return TorrentParts.NONE;
        }
        return torrent(StateFields.plain(BDict.builder().put("parts", decodeDict(column, what)).build(), what),
                "parts");
    }

    public static BDict library(QueueSettings q, SeedGoals g, SortedMap<String, String> categories,
                                SortedSet<String> tags) {
        BDict.Builder cats = BDict.builder();
        categories.forEach(cats::put);
        List<BValue> tagList = new ArrayList<>();
        for (String t : tags) {
            tagList.add(BBytes.of(t));
        }
        return BDict.builder()
                .put("queueing", q.enabled() ? 1 : 0)
                .put("max-downloads", q.maxDownloads())
                .put("max-seeds", q.maxSeeds())
                .put("max-active", q.maxActive())
                .put("ignore-slow", q.ignoreSlow() ? 1 : 0)
                .put("slow-download", q.slowDownload())
                .put("slow-upload", q.slowUpload())
                .put("slow-after-s", q.slowAfterSeconds())
                .put("ratio-limit", ratio(g.ratio()))
                .put("seeding-minutes", g.seedingMinutes())
                .put("idle-minutes", g.idleMinutes())
                .put("categories", cats.build())
                .put("tags", new BList(tagList))
                .build();
    }

    public static byte[] libraryBytes(SessionSettings s) {
        return BEncoder.encode(library(s.queue(), s.seedGoals(), s.categories(), s.tags()));
    }

    /** The session's parts under {@code key} of {@code f}, or the defaults if absent. */
    static Library library(StateFields f, String key) throws PersistenceException {
        if (!f.has(key)) {
            return new Library(QueueSettings.OFF, SeedGoals.UNLIMITED, new TreeMap<>(), new TreeSet<>());
        }
        StateFields d = f.dict(key);
        try {
            QueueSettings off = QueueSettings.OFF;
            QueueSettings q = new QueueSettings(d.optionalInteger("queueing", 0, 1, 0) == 1,
                    (int) d.optionalInteger("max-downloads", -1, QueueSettings.MAX_LIMIT, off.maxDownloads()),
                    (int) d.optionalInteger("max-seeds", -1, QueueSettings.MAX_LIMIT, off.maxSeeds()),
                    (int) d.optionalInteger("max-active", -1, QueueSettings.MAX_LIMIT, off.maxActive()),
                    d.optionalInteger("ignore-slow", 0, 1, 0) == 1,
                    d.optionalInteger("slow-download", 0, Long.MAX_VALUE, off.slowDownload()),
                    d.optionalInteger("slow-upload", 0, Long.MAX_VALUE, off.slowUpload()),
                    (int) d.optionalInteger("slow-after-s", 0, 86_400, off.slowAfterSeconds()));
            SeedGoals g = new SeedGoals(d.has("ratio-limit") ? ratio(d, "ratio-limit") : SeedGoals.NONE,
                    d.optionalInteger("seeding-minutes", SeedGoals.NONE, SeedGoals.MAX_MINUTES, SeedGoals.NONE),
                    d.optionalInteger("idle-minutes", SeedGoals.NONE, SeedGoals.MAX_MINUTES, SeedGoals.NONE));
            SortedMap<String, String> categories = new TreeMap<>();
            if (d.has("categories")) {
                StateFields c = d.dict("categories");
                for (String name : c.keys(SessionSettings.MAX_CATEGORIES)) {
                    categories.put(name, c.text(name, SessionSettings.MAX_FOLDER_BYTES));
                }
            }
            SortedSet<String> tags = new TreeSet<>();
            if (d.has("tags")) {
                BList l = d.list("tags", SessionSettings.MAX_TAGS);
                for (int i = 0; i < l.size(); i++) {
                    tags.add(d.textValue("tags[" + i + "]", l.get(i), MAX_NAME_BYTES));
                }
            }
            return new Library(q, g, categories, tags);
        } catch (IllegalArgumentException e) {
            throw f.error(key, "is not valid: " + e.getMessage());
        }
    }

    /** The session's parts from a PostgreSQL column (null: the defaults). */
    public static Library library(byte[] column, String what) throws PersistenceException {
        BDict.Builder b = BDict.builder();
        if (column != null) {
            b.put("library", decodeDict(column, what));
        }
        return library(StateFields.plain(b.build(), what), "library");
    }

    private static BDict decodeDict(byte[] column, String what) throws PersistenceException {
        BValue v;
        try {
            v = dev.bitquark.bencode.BDecoder.decode(column, LIMITS);
        } catch (dev.bitquark.bencode.BencodeException e) {
            throw new PersistenceException(what + ": not valid bencode: " + e.getMessage(), e);
        }
        if (!(v instanceof BDict d)) {
            throw new PersistenceException(what + ": expected a dictionary, got " + v.typeName());
        }
        return d;
    }

    private static String ratio(double r) {
        return r == SeedGoals.SESSION || r == SeedGoals.NONE ? Long.toString((long) r)
                : String.format(Locale.ROOT, "%.4f", r);
    }

    private static double ratio(StateFields d, String key) throws PersistenceException {
        String text = d.text(key, 32);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw d.error(key, "is not a number: \"" + text + "\"");
        }
    }
}
