package dev.bitquark.app.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.api.FileDto;
import dev.bitquark.app.api.PeerDto;
import dev.bitquark.app.api.SessionStatsDto;
import dev.bitquark.app.api.TorrentDto;
import dev.bitquark.app.api.TrackerDto;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text frames of {@code /api/v1/events} (see docs/events.md): a sampled engine state as
 * the API shows it, and the snapshot, update, topic (peers, files, trackers, pieces), event, heartbeat and error frames built from it.
 * Stateless apart from the shared {@link ObjectMapper}; thread-safe.
 */
final class EventFrames {
    private final ObjectMapper json;

    EventFrames(ObjectMapper json) {
        this.json = json;
    }

    /**
     * One sample of the engine in API form: torrents by id (sorted by name, then id, like the REST
     * list), the session object, and the peer lists of the torrents sampled with peers. Immutable
     * by convention: its nodes are shared by every client and never modified.
     */
    /** {@code byHash}: this sample's stats by torrent; {@code order}: its torrents as listed (by name, then id). */
    /**
     * @param texts each torrent's node as JSON text, filled when a snapshot needs it and handed on to the next
     *     sample for every node it keeps: a snapshot of 5,000 mostly idle torrents then writes only the ones that
     *     changed. Mutable, used on the hub thread only.
     */
    record Sample(long seq, Map<String, ObjectNode> torrents, ObjectNode session,
                  Map<String, EngineSnapshot.Details> details, EngineSnapshot engine,
                  Map<InfoHash, TorrentStats> byHash, List<TorrentStats> order, Map<String, String> texts) {
    }

    Sample sample(long seq, EngineSnapshot snapshot) {
        return sample(seq, snapshot, null);
    }

    /**
     * As {@link #sample(long, EngineSnapshot)}; a torrent whose stats equal those it had in {@code previous}
     * keeps that sample's node (the same instance). In a large session most torrents are idle and do not
     * change between two samples: they cost neither a new tree nor, in {@link #update}, a field-by-field
     * comparison; and while no torrent comes, goes or is renamed the previous order is kept, not sorted again.
     */
    Sample sample(long seq, EngineSnapshot snapshot, Sample previous) {
        Map<InfoHash, TorrentStats> now = new HashMap<>(snapshot.torrents().size() * 2);
        for (TorrentStats t : snapshot.torrents()) {
            now.put(t.infoHash(), t);
        }
        Map<InfoHash, TorrentStats> before = previous == null ? Map.of() : previous.byHash();
        List<TorrentStats> sorted = new ArrayList<>(now.size());
        if (previous != null && sameTorrentsAndNames(before, now)) {
            for (TorrentStats old : previous.order()) {
                sorted.add(now.get(old.infoHash()));
            }
        } else {
            sorted.addAll(now.values());
            sorted.sort(Comparator.comparing(TorrentStats::name).thenComparing(t -> t.infoHash().toHex()));
        }
        Map<String, ObjectNode> torrents = new LinkedHashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (TorrentStats t : sorted) {
            String id = t.infoHash().toHex();
            TorrentStats old = before.get(t.infoHash());
            // The engine hands back the same stats object for a torrent that stayed quiet: no field-by-field test.
            ObjectNode node = t == old || t.equals(old) ? previous.torrents().get(id) : null;
            if (node != null) {
                String text = previous.texts().get(id);
                if (text != null) {
                    texts.put(id, text);
                }
            }
            torrents.put(id, node != null ? node : json.valueToTree(TorrentDto.of(t)));
        }
        Map<String, EngineSnapshot.Details> details = new LinkedHashMap<>();
        for (Map.Entry<InfoHash, EngineSnapshot.Details> e : snapshot.details().entrySet()) {
            details.put(e.getKey().toHex(), e.getValue());
        }
        return new Sample(seq, torrents, json.valueToTree(SessionStatsDto.of(snapshot.session())), details, snapshot,
                now, sorted, texts);
    }

    private static boolean sameTorrentsAndNames(Map<InfoHash, TorrentStats> before, Map<InfoHash, TorrentStats> now) {
        if (before.size() != now.size()) {
            return false;
        }
        for (TorrentStats t : now.values()) {
            TorrentStats old = before.get(t.infoHash());
            if (old == null || old != t && !old.name().equals(t.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code {"type":"snapshot","torrents":[...],"session":{...},"history":{...},"events":[...]}}: the
     * sample with the session's speed history and the recent events.
     */
    /** Writes the text of every torrent of {@code s} that has none yet (new, or changed since the last sample). */
    void writeTexts(Sample s) {
        s.torrents().forEach((id, node) -> text(s, id, node));
    }

    private String text(Sample s, String id, ObjectNode node) {
        String text = s.texts().get(id);
        if (text == null) {
            text = write(node);
            s.texts().put(id, text);
        }
        return text;
    }

    /** The snapshot numbered {@code seq}. */
    String snapshot(Sample s, long seq, ObjectNode history, ArrayNode events) {
        // Written by hand around each torrent's cached text: the same document as one tree written whole.
        StringBuilder out = new StringBuilder(64 + 700 * s.torrents().size());
        out.append("{\"type\":\"snapshot\",\"seq\":").append(seq).append(",\"torrents\":[");
        boolean first = true;
        for (Map.Entry<String, ObjectNode> e : s.torrents().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(text(s, e.getKey(), e.getValue()));
        }
        return out.append("],\"session\":").append(write(s.session()))
                .append(",\"history\":").append(write(history))
                .append(",\"events\":").append(write(events)).append('}').toString();
    }

    /**
     * The frame of one subscribed part of a torrent in this sample ({@code peers}, {@code files},
     * {@code trackers} or {@code pieces}), or null if the sample does not hold it.
     */
    String topic(Sample s, String torrent, EngineSnapshot.Part part) {
        EngineSnapshot.Details d = s.details().get(torrent);
        if (d == null) {
            return null;
        }
        ObjectNode frame = json.createObjectNode();
        switch (part) {
            case PEERS -> {
                if (d.peers() == null) {
                    return null;
                }
                frame.put("type", "peers").put("torrent", torrent)
                        .set("peers", json.valueToTree(d.peers().stream().map(PeerDto::of).toList()));
            }
            case FILES -> {
                if (d.files() == null) {
                    return null;
                }
                frame.put("type", "files").put("torrent", torrent)
                        .set("files", json.valueToTree(d.files().stream().map(FileDto::of).toList()));
            }
            case TRACKERS -> {
                if (d.trackers() == null) {
                    return null;
                }
                frame.put("type", "trackers").put("torrent", torrent)
                        .set("trackers", json.valueToTree(d.trackers().stream().map(TrackerDto::of).toList()));
            }
            case PIECES -> {
                if (d.pieces() == null) {
                    return null;
                }
                frame.put("type", "pieces").put("torrent", torrent).put("pieceCount", d.pieces().size())
                        .put("havePieces", d.pieces().cardinality())
                        .put("have", Base64.getEncoder().encodeToString(d.pieces().toBytes()));
            }
        }
        return write(frame);
    }

    /** {@code {"type":"event","event":{id, kind, torrent, name, at, message}}}. */
    String event(ObjectNode event) {
        ObjectNode frame = json.createObjectNode().put("type", "event");
        frame.set("event", event);
        return write(frame);
    }

    /**
     * What changed from {@code before} to {@code now}: {@code torrents} (id + the fields that
     * changed), {@code added} (whole items), {@code removed} (ids), {@code session} (the fields that
     * changed). Null when nothing changed.
     */
    String update(Sample before, Sample now) {
        ArrayNode changed = json.createArrayNode();
        ArrayNode added = json.createArrayNode();
        ArrayNode removed = json.createArrayNode();
        for (Map.Entry<String, ObjectNode> e : now.torrents().entrySet()) {
            ObjectNode old = before.torrents().get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
                continue;
            }
            if (old == e.getValue()) {
                continue; // the same node: the torrent's stats did not change (see sample)
            }
            ObjectNode diff = json.createObjectNode().put("id", e.getKey());
            if (changedFields(old, e.getValue(), diff)) {
                changed.add(diff);
            }
        }
        for (String id : before.torrents().keySet()) {
            if (!now.torrents().containsKey(id)) {
                removed.add(id);
            }
        }
        ObjectNode session = json.createObjectNode();
        boolean sessionChanged = changedFields(before.session(), now.session(), session);
        if (changed.isEmpty() && added.isEmpty() && removed.isEmpty() && !sessionChanged) {
            return null;
        }
        ObjectNode frame = json.createObjectNode().put("type", "update").put("seq", 0);
        frame.set("torrents", changed);
        frame.set("added", added);
        frame.set("removed", removed);
        frame.set("session", session);
        return write(frame);
    }

    /**
     * An update with the whole session and no torrent changes: what a client whose page is hidden
     * gets (see {@code visibility} in docs/events.md); it asks for a snapshot when it is shown again.
     */
    String sessionOnly(Sample now) {
        ObjectNode frame = json.createObjectNode().put("type", "update").put("seq", 0);
        frame.set("torrents", json.createArrayNode());
        frame.set("added", json.createArrayNode());
        frame.set("removed", json.createArrayNode());
        frame.set("session", now.session());
        return write(frame);
    }

    /** Copies into {@code into} the fields of {@code now} that differ from {@code before}. */
    private static boolean changedFields(ObjectNode before, ObjectNode now, ObjectNode into) {
        boolean any = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().equals(before.get(f.getKey()))) {
                into.set(f.getKey(), f.getValue());
                any = true;
            }
        }
        return any;
    }

    String heartbeat() {
        return "{\"type\":\"heartbeat\",\"seq\":0}";
    }

    /**
     * {@code frame} (a snapshot, update or heartbeat as written here, {@code "seq":0} right after its type) with
     * the client's sequence number: frames are shared between clients, their numbers are not.
     */
    static String withSeq(String frame, long seq) {
        int at = frame.indexOf(",\"seq\":0");
        if (at < 0 || at > 24) {
            throw new IllegalArgumentException("not a sequenced frame: " + frame.substring(0, Math.min(40, frame.length())));
        }
        return frame.substring(0, at) + ",\"seq\":" + seq + frame.substring(at + 8);
    }

    /** {@code {"type":"error","error":code,"message":text}}: a client message was refused. */
    String error(String code, String message) {
        return write(json.createObjectNode().put("type", "error").put("error", code).put("message", message));
    }

    String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            // Only our own DTOs and tree nodes are written; they always serialize.
            throw new UncheckedIOException(e);
        }
    }
}
