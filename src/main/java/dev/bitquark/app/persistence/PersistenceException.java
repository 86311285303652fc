package dev.bitquark.app.persistence;

/** A load or save of session state failed; the message says what and where (e.g. "no space left"). */
public class PersistenceException extends Exception {
    public PersistenceException(String message) {
        super(message);
    }

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
