package dev.bitquark.app.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.metainfo.InfoHash;
import java.util.EnumSet;
import java.util.Set;

/**
 * A message a client sent on {@code /api/v1/events}, validated: {@code subscribe} or
 * {@code unsubscribe} (to parts of a torrent), {@code resync}, {@code visibility}, or the reason it was refused. Messages are capped at
 * {@value #MAX_CHARS} characters before they are parsed. Immutable.
 */
sealed interface ClientMessage {
    /** Longest client message read; anything longer is refused unparsed. */
    int MAX_CHARS = 4096;
    /** The topic names a subscription may list. */
    String TOPICS = "peers, files, trackers, pieces";

    /**
     * {@code {"type":"subscribe","torrent":"<40 hex>","topics":["peers","files","trackers","pieces"]}}: the
     * parts of one torrent to follow (replacing any earlier set; empty = none). Without {@code topics},
     * the older form {@code "peers":true|false} (default true) means just the peers.
     */
    record Subscribe(InfoHash torrent, Set<EngineSnapshot.Part> parts) implements ClientMessage {
        public Subscribe {
            parts = Set.copyOf(parts);
        }
    }

    /** {@code {"type":"resync"}}: the client saw a gap in {@code seq}; it gets a fresh snapshot. */
    record Resync() implements ClientMessage {
    }

    /**
     * {@code {"type":"visibility","hidden":true|false}}: the page went to the background (it then gets
     * only the session every few seconds, and server events) or came back (a snapshot follows).
     */
    record Visibility(boolean hidden) implements ClientMessage {
    }

    /** {@code {"type":"unsubscribe","torrent":"<40 hex>"}}. */
    record Unsubscribe(InfoHash torrent) implements ClientMessage {
    }

    /** The message was refused: an error frame with this code and message goes back. */
    record Invalid(String code, String message) implements ClientMessage {
    }

    static ClientMessage parse(String text, ObjectMapper json) {
        if (text.length() > MAX_CHARS) {
            return new Invalid("too_large", "message of " + text.length() + " characters, at most " + MAX_CHARS);
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new Invalid("bad_json", "not JSON: " + firstLine(e.getOriginalMessage()) + " at character "
                    + e.getLocation().getCharOffset());
        }
        if (root == null || !root.isObject()) {
            return new Invalid("bad_message", "expected a JSON object like {\"type\":\"subscribe\",...}");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return new Invalid("bad_message", "field \"type\" is missing or not a string");
        }
        return switch (type.textValue()) {
            case "subscribe" -> subscribe(root);
            case "resync" -> new Resync();
            case "visibility" -> {
                JsonNode hidden = root.get("hidden");
                yield hidden != null && hidden.isBoolean() ? new Visibility(hidden.booleanValue())
                        : new Invalid("bad_message", "field \"hidden\" must be true or false");
            }
            case "unsubscribe" -> {
                Object t = torrent(root);
                yield t instanceof InfoHash h ? new Unsubscribe(h) : (Invalid) t;
            }
            default -> new Invalid("unknown_type", "unknown message type \"" + clip(type.textValue())
                    + "\": expected subscribe, unsubscribe, resync or visibility");
        };
    }

    private static ClientMessage subscribe(JsonNode root) {
        Object t = torrent(root);
        if (t instanceof Invalid invalid) {
            return invalid;
        }
        JsonNode topics = root.get("topics");
        if (topics != null) {
            if (!topics.isArray() || topics.size() > EngineSnapshot.Part.values().length) {
                return new Invalid("bad_message", "field \"topics\" must be a list of at most "
                        + EngineSnapshot.Part.values().length + " of " + TOPICS);
            }
            Set<EngineSnapshot.Part> parts = EnumSet.noneOf(EngineSnapshot.Part.class);
            for (JsonNode topic : topics) {
                EngineSnapshot.Part part = topic.isTextual() ? topic(topic.textValue()) : null;
                if (part == null) {
                    return new Invalid("bad_topic", "unknown topic " + clip(topic.toString()) + ": expected " + TOPICS);
                }
                parts.add(part);
            }
            return new Subscribe((InfoHash) t, parts);
        }
        JsonNode peers = root.get("peers");
        if (peers != null && !peers.isBoolean()) {
            return new Invalid("bad_message", "field \"peers\" must be true or false");
        }
        return new Subscribe((InfoHash) t, peers == null || peers.booleanValue()
                ? EnumSet.of(EngineSnapshot.Part.PEERS) : Set.of());
    }

    private static EngineSnapshot.Part topic(String name) {
        return switch (name) {
            case "peers" -> EngineSnapshot.Part.PEERS;
            case "files" -> EngineSnapshot.Part.FILES;
            case "trackers" -> EngineSnapshot.Part.TRACKERS;
            case "pieces" -> EngineSnapshot.Part.PIECES;
            default -> null;
        };
    }

    /** The {@code torrent} field as an info-hash, or an {@link Invalid}. */
    private static Object torrent(JsonNode root) {
        JsonNode t = root.get("torrent");
        if (t == null || !t.isTextual()) {
            return new Invalid("bad_message", "field \"torrent\" is missing or not a string");
        }
        try {
            return InfoHash.fromHex(t.textValue());
        } catch (IllegalArgumentException e) {
            return new Invalid("bad_torrent", "field \"torrent\" is \"" + clip(t.textValue())
                    + "\", not a 40-hex info-hash");
        }
    }

    /** Client text quoted back, shortened and without control characters. */
    private static String clip(String s) {
        String c = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return clip(nl < 0 ? s : s.substring(0, nl));
    }
}
