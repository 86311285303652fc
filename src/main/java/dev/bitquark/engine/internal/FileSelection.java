package dev.bitquark.engine.internal;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.storage.PieceStorage;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;

/**
 * Which files of a torrent are wanted, and how much: one {@link FilePriority} per file, mapped onto
 * piece priorities by {@link PiecePicker#setFilePriorities} (a piece gets the highest priority of
 * the files it touches, so bytes of a skipped file that share a piece with a wanted one are still
 * downloaded). Padding files (BEP 47) never make a piece wanted. Changeable while live.
 *
 * <p>Owned by the engine context; not thread-safe.
 */
final class FileSelection {
    /** What the selection needs from its torrent, and all it may change there. */
    interface Side {
        /** The selection changed: streams, the download side and the resume data follow it. */
        void changed();

        /** Whether the first check has run (before it, skipped files have no data of their own to move). */
        boolean checked();

        /** Runs a storage job on the torrent's disk jobs (a pause, move or check waits for it). */
        Future<Void> diskJob(String what, DiskJobs.StorageJob job);
    }

    private final Side t;
    private final EngineRuntime rt;
    private final Metainfo meta;
    private final PiecePicker picker;
    private final PieceStorage storage;
    private final FilePriority[] priorities;
    private final long[] lengths;
    /** Skipped as the storage was last told (null until the first check tells it); see {@link #syncStorage}. */
    private boolean[] storageSkipped;
    /** Storage jobs run one after the other, in the order the selection changed. */
    private Future<Void> storageJobs = Future.succeededFuture();

    FileSelection(EngineRuntime rt, Metainfo meta, PiecePicker picker, PieceStorage storage, Side side) {
        this.t = side;
        this.rt = rt;
        this.meta = meta;
        this.picker = picker;
        this.storage = storage;
        List<FileEntry> files = meta.files();
        this.priorities = new FilePriority[files.size()];
        this.lengths = new long[files.size()];
        Arrays.fill(priorities, FilePriority.NORMAL);
        for (FileEntry f : files) {
            lengths[f.index()] = f.length();
        }
    }

    List<FilePriority> priorities() {
        return List.of(priorities);
    }

    FilePriority priority(int file) {
        return priorities[file];
    }

    /** Not skipped and not padding. */
    boolean isSelected(int file) {
        return priorities[file] != FilePriority.SKIP && !meta.files().get(file).padding();
    }

    /** Sets every file's priority ({@code list} has one entry per file, in order). */
    void setAll(List<FilePriority> list) {
        if (list.size() != priorities.length) {
            throw new IllegalArgumentException(list.size() + " file priorities for a torrent of "
                    + priorities.length + " files");
        }
        for (int i = 0; i < priorities.length; i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("file priority " + i + " is missing");
            }
        }
        list.toArray(priorities);
        apply();
    }

    void set(int file, FilePriority priority) {
        if (file < 0 || file >= priorities.length) {
            throw new IllegalArgumentException("file " + file + " outside 0.." + (priorities.length - 1));
        }
        if (priority == null) {
            throw new IllegalArgumentException("file priority is missing");
        }
        priorities[file] = priority;
        apply();
    }

    /** Restores priorities from resume data, before the first check: only the picker learns them. */
    void restore(List<FilePriority> list) {
        if (list.size() != priorities.length) {
            return; // resume data for another file list: FastResume reports it and a full check runs
        }
        for (int i = 0; i < priorities.length; i++) {
            priorities[i] = list.get(i);
        }
        applyToPicker();
    }

    private void apply() {
        applyToPicker();
        tellStorage();
        t.changed();
    }

    /**
     * Before a check: tells the storage which files are skipped (on a disk worker, after the storage jobs queued
     * before), so that skipped files not on disk are never created (their bytes shared with wanted pieces go to the
     * part file).
     */
    Future<Void> syncStorage() {
        boolean[] skipped = skippedNow();
        storageSkipped = skipped;
        storageJobs = storageJobs.transform(ar -> rt.<Void>onDisk(() -> {
            storage.setSkipped(skipped);
            return null;
        }));
        return storageJobs;
    }

    /** The skipped files right now (padding included: it is never on disk anyway). */
    boolean[] skippedNow() {
        boolean[] out = new boolean[priorities.length];
        for (int f = 0; f < out.length; f++) {
            out[f] = !isSelected(f);
        }
        return out;
    }

    /**
     * Files skipped or wanted since the storage was last told: each change becomes a storage job (a file skipped
     * now goes to the part file if it is not on disk, or leaves the disk if it holds nothing of its own; a file
     * wanted again gets its bytes back from the part file). Jobs run in order.
     */
    private void tellStorage() {
        if (storageSkipped == null) {
            return; // before the first check, which tells the storage the whole selection
        }
        boolean[] now = skippedNow();
        for (int f = 0; f < now.length; f++) {
            if (now[f] == storageSkipped[f] || meta.files().get(f).padding()) {
                continue;
            }
            int file = f;
            boolean skip = now[f];
            boolean relocate = skip && t.checked() && !holdsOwnData(f);
            storageJobs = storageJobs.transform(ar -> t.diskJob(
                    skip ? "skipping file " + file : "selecting file " + file,
                    () -> {
                        if (skip) {
                            storage.skip(file, relocate);
                        } else {
                            storage.unskip(file);
                        }
                    }));
        }
        storageSkipped = now;
    }

    /**
     * True if file {@code f} holds something worth keeping once skipped: a had or partly downloaded piece that
     * lies in it alone, or every one of its pieces (it is complete).
     */
    private boolean holdsOwnData(int f) {
        FileEntry file = meta.files().get(f);
        if (file.length() == 0) {
            return false;
        }
        long pieceLength = meta.pieceLength();
        int first = (int) (file.offset() / pieceLength);
        int last = (int) ((file.offset() + file.length() - 1) / pieceLength);
        boolean all = true;
        for (int p = first; p <= last; p++) {
            boolean had = picker.hasPiece(p);
            all &= had;
            long start = (long) p * pieceLength;
            boolean own = start >= file.offset() && start + meta.geometry().pieceSize(p) <= file.offset() + file.length();
            if (own && (had || picker.isOpen(p))) {
                return true;
            }
        }
        return all;
    }

    /** The first and last piece of each wanted file first (see {@code TorrentPolicy.firstLastPieces}). */
    private boolean firstLast;

    void setFirstLast(boolean on) {
        if (on != firstLast) {
            firstLast = on;
            applyToPicker();
        }
    }

    private void applyToPicker() {
        Priority[] levels = new Priority[priorities.length];
        for (FileEntry f : meta.files()) {
            levels[f.index()] = f.padding() ? Priority.SKIP : Priority.values()[priorities[f.index()].ordinal()];
        }
        picker.setFilePriorities(lengths, levels);
        if (firstLast) {
            long pieceLength = meta.pieceLength();
            for (FileEntry f : meta.files()) {
                if (f.length() == 0 || levels[f.index()] == Priority.SKIP) {
                    continue;
                }
                picker.setPiecePriority((int) (f.offset() / pieceLength), Priority.HIGH);
                picker.setPiecePriority((int) ((f.offset() + f.length() - 1) / pieceLength), Priority.HIGH);
            }
        }
    }
}
