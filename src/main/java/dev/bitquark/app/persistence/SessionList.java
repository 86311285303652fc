package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The content of {@code session.bq}: which torrents are in the session, in the order they were
 * added, and the torrents being removed whose files may still be on disk (a removal writes this
 * list first, then deletes the files; a start-up that finds such files finishes the removal
 * instead of restoring the torrent). Immutable.
 *
 * @param torrents in added order, no duplicates
 * @param removing info-hashes whose removal may not have finished, none of them in {@code torrents}
 */
record SessionList(List<Entry> torrents, Set<InfoHash> removing) {
    static final int VERSION = 1;
    static final String FORMAT = "bitquark-session";
    /** Most torrents in one session. */
    static final int MAX_TORRENTS = 1_000_000;
    /** Per torrent: a dictionary, two keys, two values; plus the removal list. */
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT
            .withMaxDepth(4).withMaxTokens(7 * MAX_TORRENTS + 256).withMaxStringLength(1024);

    static final SessionList EMPTY = new SessionList(List.of(), Set.of());

    /** One torrent of the session and when it was added (ms since the epoch). */
    record Entry(InfoHash infoHash, long addedAtMillis) {
    }

    SessionList {
        torrents = List.copyOf(torrents);
        removing = Set.copyOf(removing);
    }

    byte[] encode() {
        List<BValue> list = new ArrayList<>(torrents.size());
        for (Entry e : torrents) {
            list.add(BDict.builder().put("info-hash", e.infoHash().toBytes()).put("added-at", e.addedAtMillis()).build());
        }
        List<BValue> gone = new ArrayList<>(removing.size());
        for (InfoHash h : removing) {
            gone.add(BValue.of(h.toBytes()));
        }
        return BEncoder.encode(BDict.builder()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("torrents", new BList(list))
                .put("removing", new BList(gone))
                .build());
    }

    static SessionList decode(byte[] payload) throws PersistenceException {
        StateFields f = StateFields.open(payload, LIMITS, "session list", FORMAT, VERSION);
        BList list = f.list("torrents", MAX_TORRENTS);
        List<Entry> torrents = new ArrayList<>(list.size());
        Set<InfoHash> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "torrents[" + i + "]";
            if (!(list.get(i) instanceof BDict d)) {
                throw f.error(where, "expected a dictionary, got " + list.get(i).typeName());
            }
            InfoHash h = hash(f, where + ".info-hash", d.get("info-hash"));
            BValue added = d.get("added-at");
            if (added == null) {
                throw f.error(where + ".added-at", "is missing");
            }
            long at = f.integerValue(where + ".added-at", added, -1, Long.MAX_VALUE);
            if (!seen.add(h)) {
                throw f.error(where, "repeats info-hash " + h.toHex());
            }
            torrents.add(new Entry(h, at));
        }
        BList gone = f.list("removing", MAX_TORRENTS);
        Set<InfoHash> removing = new LinkedHashSet<>();
        for (int i = 0; i < gone.size(); i++) {
            InfoHash h = hash(f, "removing[" + i + "]", gone.get(i));
            if (seen.contains(h)) {
                throw f.error("removing[" + i + "]", "names " + h.toHex() + ", which is also in the session");
            }
            removing.add(h);
        }
        return new SessionList(torrents, removing);
    }

    private static InfoHash hash(StateFields f, String where, BValue v) throws PersistenceException {
        if (v == null) {
            throw f.error(where, "is missing");
        }
        if (!(v instanceof BBytes b) || b.length() != InfoHash.LENGTH) {
            throw f.error(where, "expected a " + InfoHash.LENGTH + "-byte string, got " + describe(v));
        }
        return InfoHash.of(b.asBytes());
    }

    private static String describe(BValue v) {
        return v instanceof BBytes b ? b.length() + " bytes" : v.typeName();
    }
}
