package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bitquark.engine.TorrentHandle;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One action on many torrents: {@code POST /api/v1/torrents/actions}. Each id gets its own result
 * (in request order), so one unknown or failing torrent does not stop the others. Stateless.
 */
@Path("/api/v1/torrents/actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentBulkResource {
    /** Most ids in one request: far more torrents than a session holds, few enough to answer at once. */
    public static final int MAX_IDS = 10_000;
    static final List<String> ACTIONS = List.of("pause", "resume", "recheck", "reannounce", "remove", "forceStart",
            "queueTop", "queueUp", "queueDown", "queueBottom", "setCategory", "addTags", "removeTags");

    private final TorrentLookup torrents;

    TorrentBulkResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    /**
     * {@code deleteFiles} applies to {@code remove} only; {@code category} to {@code setCategory} (null or "":
     * none; it must exist); {@code tags} to {@code addTags} and {@code removeTags}. {@code forceStart} starts the
     * torrents whatever the queue (false: back under the queue); the {@code queue*} actions move them in the queue,
     * keeping their order among themselves.
     */
    @Schema(description = "One action on many torrents",
            example = "{\"action\":\"pause\",\"ids\":[\"0123456789abcdef0123456789abcdef01234567\"]}")
    public record BulkRequest(
            @Schema(required = true, enumeration = {"pause", "resume", "recheck", "reannounce", "remove", "forceStart",
                    "queueTop", "queueUp", "queueDown", "queueBottom", "setCategory", "addTags", "removeTags"})
            String action,
            @Schema(required = true, maxItems = MAX_IDS) List<String> ids,
            Boolean deleteFiles,
            @Schema(nullable = true) String category,
            List<String> tags,
            Boolean value) implements JsonRequest {
    }

    /** {@code error} (a code) and {@code message} only when {@code ok} is false. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String id, boolean ok, @Schema(nullable = true) String error,
                         @Schema(nullable = true) String message) {
        static Result ok(String id) {
            return new Result(id, true, null, null);
        }
    }

    public record BulkResponse(List<Result> results) {
    }

    @POST
    @Operation(summary = "One action on many torrents: {\"action\":\"pause|resume|recheck|reannounce|remove|"
            + "forceStart|queueTop|queueUp|queueDown|queueBottom|setCategory|addTags|removeTags\",\"ids\":[…],"
            + "\"deleteFiles\":false,\"category\":\"tv\",\"tags\":[\"a\"],\"value\":true} → a result per id")
    public Uni<BulkResponse> act(BulkRequest body) {
        if (body.action() == null) {
            throw ApiException.badRequest("bad_action", "action is missing; one of " + String.join(", ", ACTIONS));
        }
        String action = ACTIONS.stream().filter(a -> a.equalsIgnoreCase(body.action().strip())).findFirst()
                .orElse(null);
        if (action == null) {
            throw ApiException.badRequest("bad_action", "unknown action '" + FilePriorityChange.clip(body.action())
                    + "'; one of " + String.join(", ", ACTIONS));
        }
        if (body.ids() == null) {
            throw ApiException.badRequest("bad_ids", "ids is missing: a list of 40-hex info-hashes");
        }
        if (body.ids().size() > MAX_IDS) {
            throw ApiException.badRequest("bad_ids", body.ids().size() + " ids; at most " + MAX_IDS + " per request");
        }
        boolean deleteFiles = Boolean.TRUE.equals(body.deleteFiles());
        if (action.startsWith("queue")) {
            return queueMove(body.ids(), dev.bitquark.engine.QueueMove.valueOf(
                    action.substring(5).toUpperCase(Locale.ROOT)));
        }
        java.util.function.UnaryOperator<dev.bitquark.engine.TorrentPolicy> policy = policyChange(action, body);
        if (policy != null) {
            // Forcing a start also starts a paused torrent, as qBittorrent's force start and Transmission's
            // torrent-start-now do.
            return changePolicies(body.ids(), policy, action.equals("forceStart") && !Boolean.FALSE.equals(body.value()));
        }
        List<Uni<Result>> all = new ArrayList<>(body.ids().size());
        for (String id : body.ids()) {
            all.add(one(action, id, deleteFiles));
        }
        if (all.isEmpty()) {
            return Uni.createFrom().item(new BulkResponse(List.of()));
        }
        return Uni.join().all(all).andFailFast().map(BulkResponse::new);
    }

    /** The policy change of a category, tag or force action, or null for another action. */
    private static java.util.function.UnaryOperator<dev.bitquark.engine.TorrentPolicy> policyChange(String action,
                                                                                             BulkRequest body) {
        return switch (action) {
            case "forceStart" -> {
                boolean on = body.value() == null || body.value();
                yield p -> p.withForced(on);
            }
            case "setCategory" -> {
                String c;
                try {
                    c = body.category() == null ? "" : dev.bitquark.engine.TorrentPolicy.checkCategory(body.category());
                } catch (IllegalArgumentException e) {
                    throw ApiException.badField("bad_category", "category", e.getMessage());
                }
                yield p -> p.withCategory(c.isEmpty() ? null : c);
            }
            case "addTags", "removeTags" -> {
                if (body.tags() == null || body.tags().isEmpty()) {
                    throw ApiException.badField("bad_tags", "tags", action + " needs tags: a list of names");
                }
                List<String> tags = TorrentChange.tags(new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(body.tags()), "tags");
                yield action.equals("addTags")
                        ? p -> p.withTags(java.util.stream.Stream.concat(p.tags().stream(), tags.stream()).toList())
                        : p -> p.withTags(p.tags().stream().filter(t -> !tags.contains(t)).toList());
            }
            default -> null;
        };
    }

    /** The torrents of {@code ids} that are in the session; a not_found result for the others, ok for these. */
    private List<dev.bitquark.engine.TorrentHandle> found(List<String> ids, List<Result> results) {
        List<dev.bitquark.engine.TorrentHandle> found = new ArrayList<>();
        for (String id : ids) {
            dev.bitquark.engine.TorrentHandle h = torrents.find(id);
            if (h == null) {
                results.add(new Result(id, false, "not_found", "no torrent " + id));
            } else {
                found.add(h);
                results.add(Result.ok(id));
            }
        }
        return found;
    }

    /** The library stores the torrents whose policy changed before it completes. */
    private Uni<BulkResponse> changePolicies(List<String> ids,
                                             java.util.function.UnaryOperator<dev.bitquark.engine.TorrentPolicy> change,
                                             boolean start) {
        List<Result> results = new ArrayList<>();
        List<dev.bitquark.engine.TorrentHandle> found = found(ids, results);
        return Uni.createFrom().completionStage(() -> torrents.session().library().change(found, change))
                .onFailure().transform(TorrentLimitsResource::conflict)
                .invoke(() -> {
                    if (start) {
                        found.forEach(dev.bitquark.engine.TorrentHandle::resume);
                    }
                })
                .map(v -> new BulkResponse(results));
    }

    private Uni<BulkResponse> queueMove(List<String> ids, dev.bitquark.engine.QueueMove move) {
        List<Result> results = new ArrayList<>();
        List<dev.bitquark.metainfo.InfoHash> found = found(ids, results).stream()
                .map(dev.bitquark.engine.TorrentHandle::infoHash).toList();
        return Uni.createFrom().completionStage(() -> torrents.session().queueMove(found, move))
                .map(v -> new BulkResponse(results));
    }

    private Uni<Result> one(String action, String id, boolean deleteFiles) {
        TorrentHandle h = torrents.find(id);
        if (h == null) {
            return Uni.createFrom().item(new Result(id, false, "not_found", "no torrent " + id));
        }
        Uni<Void> done = switch (action) {
            case "pause" -> TorrentLookup.uni(h.pause());
            case "resume" -> TorrentLookup.uni(h.resume());
            case "reannounce" -> TorrentLookup.uni(h.reannounce());
            case "recheck" -> {
                h.recheck(); // started; the check runs on (see GET /torrents/{id} for its progress)
                yield Uni.createFrom().voidItem();
            }
            default -> TorrentLookup.uni(torrents.session().remove(h.infoHash(), deleteFiles));
        };
        return done.map(v -> Result.ok(id))
                .onFailure().recoverWithItem(t -> new Result(id, false, "failed",
                        String.valueOf(TorrentLookup.unwrap(t).getMessage())));
    }
}
