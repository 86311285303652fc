package dev.bitquark.app.persistence;

/**
 * A save failed after the new content had already replaced the file (renaming the previous
 * generation or syncing the folder failed). A read now sees the new state, but a power loss may
 * still bring back the old one: the save is not confirmed durable. Both states are complete.
 * Callers treat it as a failed save (retry later) whose new state is nevertheless visible.
 */
public final class UnconfirmedSaveException extends PersistenceException {
    public UnconfirmedSaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
