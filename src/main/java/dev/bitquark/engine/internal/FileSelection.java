package dev.bitquark.engine.internal;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.metainfo.FileEntry;
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
    private final Torrent t;
    private final FilePriority[] priorities;
    private final long[] lengths;

    FileSelection(Torrent t) {
        this.t = t;
        List<FileEntry> files = t.meta.files();
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
        return priorities[file] != FilePriority.SKIP && !t.meta.files().get(file).padding();
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
        t.streams.selectionChanged();
        t.downloads.afterSelectionChanged();
        t.notifier.resumeDataChanged();
    }

    private void applyToPicker() {
        Priority[] levels = new Priority[priorities.length];
        for (FileEntry f : t.meta.files()) {
            levels[f.index()] = f.padding() ? Priority.SKIP : Priority.values()[priorities[f.index()].ordinal()];
        }
        t.picker.setFilePriorities(lengths, levels);
    }
}
