package dev.bitquark.app.compat.transmission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods of Transmission's RPC (legacy spelling), each a translation onto the session: {@code session-*},
 * {@code torrent-*}, {@code queue-move-*}, {@code free-space}, {@code port-test}, {@code blocklist-update}. Unknown
 * argument keys and fields are ignored, as Transmission ignores them. Thread-safe.
 */
final class RpcMethods {
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long {@code ids: "recently-active"} reports a removed torrent, as Transmission does. */
    static final long RECENT_MILLIS = 60_000;
    static final int MAX_FIELDS = 300;

    private final CompatTorrents torrents;
    private final String sessionId;
    private final SessionMethods session;
    private final TorrentActions actions;
    /** Numbers of torrents seen by the last {@code torrent-get}, and when those no longer there were removed. */
    private final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> removedAt = new ConcurrentHashMap<>();

    RpcMethods(CompatTorrents torrents, String sessionId) {
        this.torrents = torrents;
        this.sessionId = sessionId;
        this.session = new SessionMethods(torrents, sessionId);
        this.actions = new TorrentActions(torrents);
    }

    String sessionId() {
        return sessionId;
    }

    static ObjectNode success(JsonNode tag, ObjectNode arguments) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("result", "success");
        o.set("arguments", arguments == null ? JsonNodeFactory.instance.objectNode() : arguments);
        if (tag != null && !tag.isNull()) {
            o.set("tag", tag);
        }
        return o;
    }

    static ObjectNode failure(JsonNode tag, String message) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("result", message);
        o.set("arguments", JsonNodeFactory.instance.objectNode());
        if (tag != null && !tag.isNull()) {
            o.set("tag", tag);
        }
        return o;
    }

    CompletionStage<ObjectNode> call(String method, ObjectNode args) {
        return switch (method) {
            case "session-get" -> session.get(args);
            case "session-set" -> session.set(args);
            case "session-stats" -> session.stats();
            case "session-close" -> fail("session-close is not supported: bitquark is stopped by its service manager");
            case "free-space" -> session.freeSpace(args);
            case "port-test" -> session.portTest();
            case "blocklist-update" -> CompletableFuture.completedFuture(object().put("blocklist-size", 0));
            case "group-get" -> CompletableFuture.completedFuture(object().set("group", JSON.createArrayNode()));
            case "torrent-get" -> torrentGet(args);
            case "torrent-add" -> actions.add(args);
            case "torrent-remove" -> resolve(args).thenCompose(hs -> actions.remove(hs, args));
            case "torrent-start" -> resolve(args).thenCompose(hs -> actions.start(hs, false));
            case "torrent-start-now" -> resolve(args).thenCompose(hs -> actions.start(hs, true));
            case "torrent-stop" -> resolve(args).thenCompose(actions::stop);
            case "torrent-verify" -> resolve(args).thenCompose(actions::verify);
            case "torrent-reannounce" -> resolve(args).thenCompose(actions::reannounce);
            case "torrent-set" -> resolve(args).thenCompose(hs -> actions.set(hs, args));
            case "torrent-set-location" -> resolve(args).thenCompose(hs -> actions.setLocation(hs, args));
            case "torrent-rename-path" -> resolve(args).thenCompose(hs -> actions.renamePath(hs, args));
            case "queue-move-top" -> resolve(args).thenCompose(hs -> actions.queue(hs, dev.bitquark.engine.QueueMove.TOP));
            case "queue-move-up" -> resolve(args).thenCompose(hs -> actions.queue(hs, dev.bitquark.engine.QueueMove.UP));
            case "queue-move-down" -> resolve(args).thenCompose(hs -> actions.queue(hs, dev.bitquark.engine.QueueMove.DOWN));
            case "queue-move-bottom" -> resolve(args).thenCompose(
                    hs -> actions.queue(hs, dev.bitquark.engine.QueueMove.BOTTOM));
            default -> fail("method name not recognized");
        };
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static CompletionStage<ObjectNode> fail(String message) {
        return CompletableFuture.failedFuture(new Refused(Refused.Kind.BAD_REQUEST, message));
    }

    /**
     * The torrents {@code ids} names: absent, all; a number, a hash, or a list of both; unknown ones are left out,
     * as Transmission leaves them out. ({@code "recently-active"} is for {@code torrent-get} only.)
     */
    CompletionStage<List<InfoHash>> resolve(ObjectNode args) {
        JsonNode ids = args.get("ids");
        return torrents.snapshot(Map.of()).thenApply(s -> {
            if (ids == null || ids.isNull()) {
                return s.torrents().stream().map(TorrentStats::infoHash).toList();
            }
            Set<InfoHash> present = new java.util.HashSet<>();
            s.torrents().forEach(t -> present.add(t.infoHash()));
            LinkedHashSet<InfoHash> out = new LinkedHashSet<>();
            for (JsonNode id : ids.isArray() ? ids : List.of(ids)) {
                InfoHash h = null;
                if (id.isIntegralNumber()) {
                    h = torrents.ids().hash(id.intValue());
                } else if (id.isTextual()) {
                    h = CompatTorrents.parseHash(id.textValue());
                    if (h == null && id.textValue().chars().allMatch(Character::isDigit) && !id.textValue().isEmpty()
                            && id.textValue().length() < 10) {
                        h = torrents.ids().hash(Integer.parseInt(id.textValue()));
                    }
                }
                if (h != null && present.contains(h)) {
                    out.add(h);
                }
            }
            return List.copyOf(out);
        });
    }

    private CompletionStage<ObjectNode> torrentGet(ObjectNode args) {
        JsonNode fieldsNode = args.get("fields");
        if (fieldsNode == null || !fieldsNode.isArray()) {
            return fail("no fields specified");
        }
        // Each field once (a repeated "files" would build its list again per repetition), at most MAX_FIELDS.
        List<String> fields = new ArrayList<>(new LinkedHashSet<String>() {
            {
                fieldsNode.forEach(f -> add(f.asText()));
            }
        });
        if (fields.size() > MAX_FIELDS) {
            return fail(fields.size() + " fields; at most " + MAX_FIELDS);
        }
        boolean table = "table".equals(args.path("format").asText());
        JsonNode ids = args.get("ids");
        boolean recent = ids != null && ids.isTextual() && ids.textValue().equals("recently-active");
        Set<EngineSnapshot.Part> parts = java.util.EnumSet.noneOf(EngineSnapshot.Part.class);
        for (String f : fields) {
            if (TorrentFields.FILE_FIELDS.contains(f)) {
                parts.add(EngineSnapshot.Part.FILES);
            } else if (TorrentFields.TRACKER_FIELDS.contains(f)) {
                parts.add(EngineSnapshot.Part.TRACKERS);
            } else if (TorrentFields.PEER_FIELDS.contains(f)) {
                parts.add(EngineSnapshot.Part.PEERS);
            } else if (TorrentFields.PIECE_FIELDS.contains(f)) {
                parts.add(EngineSnapshot.Part.PIECES);
            }
        }
        CompletionStage<List<InfoHash>> chosen = recent || ids == null ? CompletableFuture.completedFuture(null)
                : resolve(args);
        return chosen.thenCompose(list -> {
            Map<InfoHash, Set<EngineSnapshot.Part>> wanted = new HashMap<>();
            if (!parts.isEmpty()) {
                if (list != null) {
                    list.forEach(h -> wanted.put(h, parts));
                } else {
                    for (InfoHash h : allKnown()) {
                        wanted.put(h, parts);
                    }
                }
            }
            return torrents.snapshot(wanted).thenApply(s -> {
                List<TorrentStats> chosenStats = new ArrayList<>();
                long now = System.currentTimeMillis();
                Set<Integer> present = new java.util.HashSet<>();
                for (TorrentStats t : s.torrents()) {
                    present.add(torrents.ids().id(t.infoHash()));
                }
                for (Integer id : seen) {
                    if (!present.contains(id)) {
                        removedAt.putIfAbsent(id, now);
                    }
                }
                seen.clear();
                seen.addAll(present);
                removedAt.values().removeIf(at -> now - at > RECENT_MILLIS);
                List<InfoHash> order = list;
                if (order != null) {
                    Map<InfoHash, TorrentStats> by = new HashMap<>();
                    s.torrents().forEach(t -> by.put(t.infoHash(), t));
                    for (InfoHash h : order) {
                        if (by.containsKey(h)) {
                            chosenStats.add(by.get(h));
                        }
                    }
                } else {
                    for (TorrentStats t : s.torrents()) {
                        if (!recent || now - t.times().lastActivityMillis() < RECENT_MILLIS
                                || now - t.addedAtMillis() < RECENT_MILLIS || t.state() != dev.bitquark.engine.TorrentState.PAUSED) {
                            chosenStats.add(t);
                        }
                    }
                    chosenStats.sort(java.util.Comparator.comparingInt(t -> torrents.ids().id(t.infoHash())));
                }
                ObjectNode out = object();
                ArrayNode rows = out.putArray("torrents");
                if (table) {
                    ArrayNode head = rows.addArray();
                    fields.forEach(head::add);
                }
                for (TorrentStats t : chosenStats) {
                    TorrentHandle h = torrents.session().handle(t.infoHash());
                    dev.bitquark.metainfo.Metainfo meta = h == null ? null : h.metainfo();
                    String magnet = meta != null ? meta.toMagnet().toUri() : h != null && h.magnet() != null
                            ? h.magnet().toUri() : "magnet:?xt=urn:btih:" + t.infoHash().toHex();
                    TorrentFields.Torrent row = new TorrentFields.Torrent(torrents.ids().id(t.infoHash()), t, meta,
                            s.details().get(t.infoHash()), magnet);
                    if (table) {
                        ArrayNode a = rows.addArray();
                        for (String f : fields) {
                            a.add(JSON.valueToTree(TorrentFields.value(f, row)));
                        }
                    } else {
                        ObjectNode o = rows.addObject();
                        for (String f : fields) {
                            Object v = TorrentFields.value(f, row);
                            if (v != null && !o.has(f)) {
                                o.set(f, JSON.valueToTree(v));
                            }
                        }
                    }
                }
                if (recent) {
                    ArrayNode removed = out.putArray("removed");
                    removedAt.keySet().forEach(removed::add);
                }
                return out;
            });
        });
    }

    private List<InfoHash> allKnown() {
        List<InfoHash> out = new ArrayList<>();
        for (TorrentHandle h : torrents.session().handles()) {
            out.add(h.infoHash());
        }
        return out;
    }
}
