package dev.bitquark.app.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.metainfo.InfoHash;

/**
 * A message a client sent on {@code /api/v1/events}, validated: {@code subscribe} or
 * {@code unsubscribe} (to a torrent's peers), or the reason it was refused. Messages are capped at
 * {@value #MAX_CHARS} characters before they are parsed. Immutable.
 */
sealed interface ClientMessage {
    /** Longest client message read; anything longer is refused unparsed. */
    int MAX_CHARS = 4096;

    /** {@code {"type":"subscribe","torrent":"<40 hex>","peers":true}}; {@code peers} defaults to true. */
    record Subscribe(InfoHash torrent, boolean peers) implements ClientMessage {
    }

    /** {@code {"type":"resync"}}: the client saw a gap in {@code seq}; it gets a fresh snapshot. */
    record Resync() implements ClientMessage {
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
            case "unsubscribe" -> {
                Object t = torrent(root);
                yield t instanceof InfoHash h ? new Unsubscribe(h) : (Invalid) t;
            }
            default -> new Invalid("unknown_type", "unknown message type \"" + clip(type.textValue())
                    + "\": expected subscribe, unsubscribe or resync");
        };
    }

    private static ClientMessage subscribe(JsonNode root) {
        Object t = torrent(root);
        if (t instanceof Invalid invalid) {
            return invalid;
        }
        JsonNode peers = root.get("peers");
        if (peers != null && !peers.isBoolean()) {
            return new Invalid("bad_message", "field \"peers\" must be true or false");
        }
        return new Subscribe((InfoHash) t, peers == null || peers.booleanValue());
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
