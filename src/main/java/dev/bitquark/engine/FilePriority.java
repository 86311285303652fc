package dev.bitquark.engine;

/** How much a file is wanted, as qBittorrent and Transmission offer it. {@link #SKIP} deselects the file. */
public enum FilePriority {
    SKIP, LOW, NORMAL, HIGH
}
