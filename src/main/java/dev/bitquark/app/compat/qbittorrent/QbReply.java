package dev.bitquark.app.compat.qbittorrent;

/**
 * An answer of qBittorrent's API: plain text (its "Ok.", "Fails.", versions, error messages) or a JSON value.
 */
record QbReply(int status, String text, Object json, String cookie) {
    static final QbReply OK = text("Ok.");
    static final QbReply EMPTY = text("");

    static QbReply text(String body) {
        return new QbReply(200, body, null, null);
    }

    static QbReply json(Object value) {
        return new QbReply(200, null, value, null);
    }

    QbReply withCookie(String setCookie) {
        return new QbReply(status, text, json, setCookie);
    }

    /** A refusal with its status (400, 403, 404, 409, 415) and qBittorrent's plain-text message. */
    static Failure error(int status, String message) {
        return new Failure(status, message);
    }

    static final class Failure extends RuntimeException {
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
