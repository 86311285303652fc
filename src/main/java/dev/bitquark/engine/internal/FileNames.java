package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageFile;
import dev.bitquark.storage.StorageLayout;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A torrent's file names: where each file is below the save folder (the metainfo's paths, then the user's renames,
 * kept in resume data), its paths as the user sees them, its content's name and the renames themselves. Renames
 * run as disk jobs on the storage, which checks that no path leaves the download folder. Engine context only.
 */
public final class FileNames {
    private final EngineRuntime rt;
    private final Metainfo meta;
    /** Files the user renamed: index → path components below the save folder. */
    private final Map<Integer, List<String>> renamed = new TreeMap<>();
    private final StorageLayout restored;
    /** The first file that is not padding, and the first part of its path before any rename. */
    private final int firstFile;
    private final String originalContentName;
    private PieceStorage storage;
    private Notifier notifier;

    /** The names of {@code meta}'s files, with the renames {@code resume} kept (if any). */
    FileNames(EngineRuntime rt, Metainfo meta, ResumeData resume) {
        this.rt = rt;
        this.meta = meta;
        StorageLayout layout = layoutOf(meta);
        int first = 0;
        while (first < layout.fileCount() - 1 && layout.file(first).padding()) {
            first++;
        }
        this.firstFile = first;
        this.originalContentName = layout.file(first).path().getFirst();
        if (resume != null) {
            for (Map.Entry<Integer, List<String>> e : resume.renamedFiles().entrySet()) {
                if (e.getKey() < layout.fileCount() && !layout.file(e.getKey()).padding()) {
                    layout = layout.withPath(e.getKey(), e.getValue());
                    renamed.put(e.getKey(), e.getValue());
                }
            }
        }
        this.restored = layout;
    }

    /** The storage layout of a torrent as its metainfo names the files: every file under {@code <name>/...}. */
    static StorageLayout layoutOf(Metainfo meta) {
        List<StorageFile> files = new ArrayList<>();
        for (FileEntry f : meta.files()) {
            files.add(new StorageFile(f.index(), meta.storagePath(f.index()), f.length(), f.offset(), f.padding()));
        }
        return new StorageLayout(meta.geometry(), files);
    }

    /** The layout the storage opens with: the metainfo's paths with the kept renames. */
    StorageLayout restoredLayout() {
        return restored;
    }

    /** Once the storage is open: where renames happen and whom they are reported to. */
    void use(PieceStorage openStorage, Notifier changes) {
        this.storage = openStorage;
        this.notifier = changes;
    }

    Map<Integer, List<String>> renamedFiles() {
        return Map.copyOf(renamed);
    }

    /**
     * The torrent's name: its own, or what the user renamed its content to (a multi-file torrent's folder, a
     * single-file torrent's file), as Transmission shows a torrent after {@code torrent-rename-path}.
     */
    String name() {
        String content = contentName();
        return content.equals(originalContentName) ? meta.name() : content;
    }

    /** Where the data is in the save folder: a multi-file torrent's folder, a single-file torrent's file. */
    String contentName() {
        return storage.layout().file(firstFile).path().getFirst();
    }

    /**
     * A file's path inside the torrent as the user sees it ("dir/file.ext"; the torrent's own folder left out
     * for a multi-file torrent), after renames.
     */
    String displayPath(int index) {
        List<String> p = storage.layout().file(index).path();
        return String.join("/", meta.isMultiFile() ? p.subList(1, p.size()) : p);
    }

    /**
     * Renames a file ({@code from} is its path) or a folder ({@code from} is a folder of the torrent: every file
     * under it moves) inside the torrent, to {@code to}; both as {@link #displayPath} shows them. The torrent's
     * own folder stays. Runs as a disk job (writes in flight finish first); kept in resume data.
     */
    public Future<Void> rename(String from, String to) {
        rt.assertOnContext();
        List<String> target = components(to);
        String source = String.join("/", components(from));
        Map<Integer, List<String>> changes = new HashMap<>();
        for (FileEntry f : meta.files()) {
            if (f.padding()) {
                continue;
            }
            String now = displayPath(f.index());
            List<String> rest;
            if (now.equals(source)) {
                rest = List.of();
            } else if (now.startsWith(source + "/")) {
                rest = components(now.substring(source.length() + 1));
            } else {
                continue;
            }
            List<String> next = new ArrayList<>();
            if (meta.isMultiFile()) {
                next.add(storage.layout().file(f.index()).path().getFirst());
            }
            next.addAll(target);
            next.addAll(rest);
            changes.put(f.index(), next);
        }
        if (changes.isEmpty()) {
            return Future.failedFuture(new EngineException(EngineException.Kind.NOT_FOUND,
                    "no file or folder " + source + " in the torrent"));
        }
        return apply(changes);
    }

    /**
     * Renames the torrent's content: a multi-file torrent's own folder (every file moves with it) or a single-file
     * torrent's file, to {@code newName}, one name (no slash). The torrent's shown name follows (see {@link #name()}).
     */
    public Future<Void> renameContent(String newName) {
        rt.assertOnContext();
        List<String> name = components(newName);
        if (name.size() != 1) {
            throw new IllegalArgumentException("\"" + newName + "\" is not a single file or folder name");
        }
        Map<Integer, List<String>> changes = new HashMap<>();
        for (FileEntry f : meta.files()) {
            if (!f.padding()) {
                List<String> next = new ArrayList<>(storage.layout().file(f.index()).path());
                next.set(0, name.getFirst());
                changes.put(f.index(), next);
            }
        }
        return apply(changes);
    }

    private Future<Void> apply(Map<Integer, List<String>> changes) {
        return rt.<Void>onDisk(() -> {
            storage.rename(changes);
            return null;
        }).onSuccess(v -> {
            renamed.putAll(changes);
            notifier.resumeDataChanged();
        });
    }

    /** A path inside the torrent as components: no empty, . or .. part, no backslash or NUL. */
    static List<String> components(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a path inside the torrent cannot be empty");
        }
        List<String> out = new ArrayList<>();
        for (String part : path.strip().split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\\') >= 0
                    || part.indexOf('\0') >= 0 || part.length() > 255) {
                throw new IllegalArgumentException("\"" + path + "\" is not a path inside the torrent (empty, . or .. "
                        + "part, a backslash, NUL, or a name over 255 characters)");
            }
            out.add(part);
        }
        return out;
    }
}
