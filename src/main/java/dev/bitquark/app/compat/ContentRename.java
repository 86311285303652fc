package dev.bitquark.app.compat;

import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.TorrentHandle;
import java.util.concurrent.CompletionStage;

/**
 * Renames as both originals ask for them: paths relative to the save folder, a multi-file torrent's own folder
 * first ({@code "Show/S01/e1.mkv"}), where bitquark's files list leaves that folder out. Renaming the folder itself
 * (Transmission's {@code torrent-rename-path} on the torrent's name, qBittorrent's {@code renameFolder} on it)
 * renames the content; anything below it is a rename inside the torrent.
 */
public final class ContentRename {
    private ContentRename() {}

    /**
     * {@code path} (as the originals name it) as a path inside the torrent, or {@code ""} for the content itself (a
     * multi-file torrent's folder). {@code content} is where the data is now ({@code TorrentStats#contentName}).
     *
     * @throws Refused NOT_FOUND for a path outside the torrent
     */
    public static String insideTorrent(boolean multiFile, String content, String path) {
        String p = path == null ? "" : path.strip().replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!multiFile) {
            return p;
        }
        if (p.equals(content)) {
            return "";
        }
        if (!p.startsWith(content + "/")) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no file or folder " + CompatTorrents.clip(path)
                    + " in the torrent");
        }
        return p.substring(content.length() + 1);
    }

    /**
     * Renames {@code oldPath} to {@code newPath}, both as the originals name them. The torrent's own folder takes a
     * new single name; anything inside it stays inside it. Completes once the disk has the new names.
     *
     * @throws Refused BAD_REQUEST for a torrent without files yet or a move out of the torrent's folder
     */
    public static CompletionStage<Void> rename(TorrentHandle h, String oldPath, String newPath) {
        if (!h.hasMetadata()) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "the torrent's metadata has not downloaded yet");
        }
        boolean multi = h.metainfo().isMultiFile();
        return h.stats().toCompletionStage().thenCompose(s -> {
            String from = insideTorrent(multi, s.contentName(), oldPath);
            io.vertx.core.Future<Void> done;
            if (from.isEmpty()) {
                String to = newPath == null ? "" : newPath.strip().replace('\\', '/');
                if (to.isEmpty() || to.contains("/")) {
                    throw new Refused(Refused.Kind.BAD_REQUEST, "the torrent's folder takes a single name, not \""
                            + CompatTorrents.clip(to) + "\"");
                }
                done = h.renameContent(to);
            } else {
                String to;
                try {
                    to = insideTorrent(multi, s.contentName(), newPath);
                } catch (Refused e) {
                    throw new Refused(Refused.Kind.BAD_REQUEST, "a file or folder cannot leave the torrent's folder "
                            + s.contentName());
                }
                if (to.isEmpty()) {
                    throw new Refused(Refused.Kind.BAD_REQUEST, "a file or folder cannot take the name of the "
                            + "torrent's folder");
                }
                done = h.rename(from, to);
            }
            return done.toCompletionStage().handle((v, e) -> {
                if (e != null) {
                    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    Refused.Kind kind = !(c instanceof EngineException ee) ? Refused.Kind.CONFLICT
                            : switch (ee.kind()) {
                                case NOT_FOUND -> Refused.Kind.NOT_FOUND;
                                case INVALID_ARGUMENT -> Refused.Kind.BAD_REQUEST;
                                default -> Refused.Kind.CONFLICT;
                            };
                    throw new Refused(kind, String.valueOf(c.getMessage()));
                }
                return null;
            });
        });
    }
}
