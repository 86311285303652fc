package dev.bitquark.app.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events a user is told about (UI spec 1.3): a torrent added, removed, completed (all wanted
 * pieces verified) or failed. They are read off two consecutive samples, so they cost the engine
 * nothing and every client hears the same ones in the same order; the last {@value #CAPACITY} are
 * kept for the notification centre of a page opened later. Touched only on the hub thread.
 */
final class EventLog {
    static final int CAPACITY = 100;

    private final ObjectMapper json;
    private final ArrayDeque<ObjectNode> recent = new ArrayDeque<>();
    private long nextId = 1;

    EventLog(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The events between {@code before} and {@code now} (torrents by id as the API shows them),
     * recorded and returned in order. Nothing for the first sample: what was there before the
     * server started listening is not news.
     */
    List<ObjectNode> between(Map<String, ObjectNode> before, Map<String, ObjectNode> now, long epochMillis) {
        List<ObjectNode> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        for (Map.Entry<String, ObjectNode> e : now.entrySet()) {
            ObjectNode old = before.get(e.getKey());
            ObjectNode t = e.getValue();
            if (old == t) {
                continue; // the same node: the torrent did not change (EventFrames.sample)
            }
            if (old == null) {
                out.add(event("torrent.added", t, null, epochMillis));
                continue;
            }
            if (t.path("finished").asBoolean() && !old.path("finished").asBoolean()) {
                out.add(event("torrent.completed", t, null, epochMillis));
            }
            if ("error".equals(t.path("state").asText()) && !"error".equals(old.path("state").asText())) {
                JsonNode error = t.get("error");
                out.add(event("torrent.error", t, error == null || error.isNull() ? null : error.asText(), epochMillis));
            }
        }
        for (Map.Entry<String, ObjectNode> e : before.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                out.add(event("torrent.removed", e.getValue(), null, epochMillis));
            }
        }
        for (ObjectNode ev : out) {
            if (recent.size() == CAPACITY) {
                recent.removeFirst();
            }
            recent.addLast(ev);
        }
        return out;
    }

    /** The last events, oldest first (a fresh array; its elements are shared and never modified). */
    ArrayNode recent() {
        ArrayNode a = json.createArrayNode();
        recent.forEach(a::add);
        return a;
    }

    private ObjectNode event(String kind, ObjectNode torrent, String message, long epochMillis) {
        ObjectNode ev = json.createObjectNode().put("id", nextId++).put("kind", kind)
                .put("torrent", torrent.path("id").asText()).put("name", torrent.path("name").asText())
                .put("at", Instant.ofEpochMilli(epochMillis).toString());
        if (message == null) {
            ev.putNull("message");
        } else {
            ev.put("message", message);
        }
        return ev;
    }
}
