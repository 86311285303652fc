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
    static final List<String> ACTIONS = List.of("pause", "resume", "recheck", "reannounce", "remove");

    private final TorrentLookup torrents;

    TorrentBulkResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    /** {@code deleteFiles} applies to {@code remove} only. */
    @Schema(description = "One action on many torrents",
            example = "{\"action\":\"pause\",\"ids\":[\"0123456789abcdef0123456789abcdef01234567\"]}")
    public record BulkRequest(
            @Schema(required = true, enumeration = {"pause", "resume", "recheck", "reannounce", "remove"}) String action,
            @Schema(required = true, maxItems = MAX_IDS) List<String> ids,
            Boolean deleteFiles) implements JsonRequest {
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
    @Operation(summary = "One action on many torrents: {\"action\":\"pause|resume|recheck|reannounce|remove\","
            + "\"ids\":[…],\"deleteFiles\":false} → a result per id")
    public Uni<BulkResponse> act(BulkRequest body) {
        if (body.action() == null) {
            throw ApiException.badRequest("bad_action", "action is missing; one of " + String.join(", ", ACTIONS));
        }
        String action = body.action().strip().toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) {
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
        List<Uni<Result>> all = new ArrayList<>(body.ids().size());
        for (String id : body.ids()) {
            all.add(one(action, id, deleteFiles));
        }
        if (all.isEmpty()) {
            return Uni.createFrom().item(new BulkResponse(List.of()));
        }
        return Uni.join().all(all).andFailFast().map(BulkResponse::new);
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
