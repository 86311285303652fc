package dev.bitquark.app.logging;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Log handler (on the root logger) that turns each record into one JSON text line and appends it to
 * a {@link LogTail}: {@code {"type":"log","seq":n,"time":"…","level":"INFO","category":"…",
 * "thread":"…","message":"…"}}. Messages with their stack traces are cut at {@value #MAX_MESSAGE}
 * characters so that the ring's memory stays bounded. Called on whatever thread logs; a record
 * logged while this handler is already busy on the same thread is skipped (no recursion).
 */
final class LogTailHandler extends Handler {
    static final int MAX_MESSAGE = 2000;
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private final LogTail tail;
    private final AtomicLong seq = new AtomicLong();
    private final SimpleFormatter plain = new SimpleFormatter();

    LogTailHandler(LogTail tail) {
        this.tail = tail;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || BUSY.get() != null || !isLoggable(record)) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            tail.append(format(record, seq.incrementAndGet()));
        } catch (RuntimeException e) {
            reportError("log tail could not format a record", e, java.util.logging.ErrorManager.FORMAT_FAILURE);
        } finally {
            BUSY.remove();
        }
    }

    String format(LogRecord record, long n) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : plain.formatMessage(record);
        StringBuilder sb = new StringBuilder(message == null ? "" : message);
        Throwable t = record.getThrown();
        if (t != null && sb.length() < MAX_MESSAGE) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w.getBuffer(), 0, Math.min(w.getBuffer().length(), MAX_MESSAGE));
        }
        if (sb.length() > MAX_MESSAGE) {
            sb.setLength(MAX_MESSAGE);
            sb.append('…');
        }
        String thread = record instanceof ExtLogRecord ext ? ext.getThreadName() : null;
        return new JsonObject()
                .put("type", "log")
                .put("seq", n)
                .put("time", record.getInstant().toString())
                .put("level", LogLevels.name(record.getLevel()))
                .put("category", record.getLoggerName() == null ? "" : record.getLoggerName())
                .put("thread", thread)
                .put("message", sb.toString())
                .encode();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
