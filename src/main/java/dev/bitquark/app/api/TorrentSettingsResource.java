package dev.bitquark.app.api;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.TorrentHandle;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Changes to one torrent's settings: file priorities and where its files live. Every change is
 * checked completely before anything is applied. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentSettingsResource {
    private final TorrentLookup torrents;

    TorrentSettingsResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    /** {@code {"outputFolder": "sub/dir"}}: a folder inside the download folder ("" is the download folder). */
    @Schema(description = "Where to move the torrent's files", example = "{\"outputFolder\": \"sub/dir\"}")
    public record MoveRequest(@Schema(required = true) String outputFolder) implements JsonRequest {
    }

    /**
     * {@code {"path": "Season 1/e01.mkv", "newPath": "Season 1/Episode 1.mkv"}}: paths inside the torrent; an empty
     * {@code path} is the torrent's content itself (its folder, or its one file), {@code newPath} then its new name.
     */
    @Schema(description = "A file or folder of the torrent and its new path (both as the files list shows them); "
            + "path \"\" renames the torrent's own folder (or its one file) to newPath, a single name",
            example = "{\"path\": \"e01.mkv\", \"newPath\": \"Episode 1.mkv\"}")
    public record RenameRequest(@Schema(required = true) String path, @Schema(required = true) String newPath)
            implements JsonRequest {
    }

    @POST
    @Path("/{id}/rename")
    @Operation(summary = "Rename a file or a folder inside the torrent ({\"path\",\"newPath\"}, as the files list "
            + "shows them; a folder takes its files along; path \"\" renames the torrent's own folder or its one file, "
            + "and the torrent's name follows unless it was given one); the data on disk moves; answers the files once "
            + "renamed and saved. 404 for a path not in the torrent, 409 if the disk refuses (a file is already there)")
    public Uni<List<FileDto>> rename(@PathParam("id") String id, RenameRequest body) {
        TorrentHandle h = torrents.handle(id);
        if (body == null || body.path() == null || body.newPath() == null) {
            throw ApiException.badRequest("bad_path", "give path and newPath: {\"path\":\"a.mkv\",\"newPath\":\"b.mkv\"}");
        }
        return TorrentLookup.uni(body.path().isBlank() ? h.renameContent(body.newPath())
                        : h.rename(body.path(), body.newPath()))
                .onFailure().transform(t -> {
                    Throwable c = TorrentLookup.unwrap(t);
                    if (c instanceof dev.bitquark.engine.EngineException e) {
                        return switch (e.kind()) {
                            case NOT_FOUND -> new ApiException(404, "not_found", e.getMessage());
                            case INVALID_ARGUMENT -> ApiException.badRequest("bad_path", e.getMessage());
                            default -> new ApiException(409, "rename_failed", e.getMessage());
                        };
                    }
                    return t;
                })
                .flatMap(v -> TorrentLookup.uni(torrents.session().saveNow(h.infoHash())))
                .flatMap(v -> TorrentLookup.uni(h.fileStats()))
                .map(l -> l.stream().map(FileDto::of).toList());
    }

    @PATCH
    @Path("/{id}/files")
    @Operation(summary = "Set file priorities: [{\"index\":0,\"priority\":\"skip|low|normal|high\"}] or "
            + "{\"files\":[…]}; all entries are checked before any applies; answers the files")
    public Uni<List<FileDto>> setFilePriorities(@PathParam("id") String id, FilePriorityChanges body) {
        TorrentHandle h = torrents.handle(id);
        List<FilePriorityChange> list = body.files();
        Map<Integer, FilePriority> changes = FilePriorityChange.validate(list, TorrentLookup.metainfo(h).files().size(), "files");
        return TorrentLookup.uni(h.changeFilePriorities(changes))
                .invoke(() -> torrents.session().markDirty(h.infoHash()))
                .flatMap(v -> TorrentLookup.uni(h.fileStats()))
                .map(l -> l.stream().map(FileDto::of).toList());
    }

    @POST
    @Path("/{id}/move")
    @Operation(summary = "Move the torrent's files to {\"outputFolder\":…} inside the download folder; answers "
            + "200 with the torrent once moved and saved")
    public Uni<TorrentDto> move(@PathParam("id") String id, MoveRequest body) {
        TorrentHandle h = torrents.handle(id);
        if (body.outputFolder() == null) {
            throw ApiException.badRequest("bad_folder", "outputFolder is missing: {\"outputFolder\":\"sub/dir\"}");
        }
        java.nio.file.Path dir;
        try {
            dir = torrents.sessions().downloadDir(body.outputFolder());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_folder", e.getMessage());
        }
        return TorrentLookup.uni(h.moveStorage(dir))
                .onFailure().transform(t -> new ApiException(409, "move_failed", "the files could not be moved to "
                        + dir + ": " + TorrentLookup.unwrap(t).getMessage()))
                // The new folder must be on disk before the answer: resume data naming the old one
                // would make a restart look for files that are gone.
                .flatMap(v -> TorrentLookup.uni(torrents.session().saveNow(h.infoHash()))
                        .onFailure().transform(t -> new ApiException(500, "not_saved", "the files were moved to " + dir
                                + " but the new folder could not be saved: " + TorrentLookup.unwrap(t).getMessage())))
                .flatMap(v -> TorrentLookup.uni(h.stats()))
                .map(TorrentDto::of);
    }
}
