package dev.bitquark.storage;

/**
 * How far a {@link CheckJob} is: pieces and payload bytes examined so far out of those to check,
 * and how many of the examined pieces verified. Immutable.
 */
public record CheckProgress(int piecesDone, int piecesTotal, int piecesValid, long bytesDone, long bytesTotal) {
    public boolean isFinished() {
        return piecesDone == piecesTotal;
    }
}
