package dev.bitquark.tracker;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bitquark.tracker.codec.TrackerException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs an operation on a Vert.x context, as the engine would, and waits for its future from the
 * test thread with a bound.
 */
final class OnContext {
    private OnContext() {
    }

    static <T> T await(Context context, Supplier<Future<T>> op) throws Exception {
        return await(context, op, Duration.ofSeconds(20));
    }

    static <T> T await(Context context, Supplier<Future<T>> op, Duration timeout) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                op.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete(ar.result());
                    } else {
                        done.completeExceptionally(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Waits for {@code op} to fail and returns its TrackerException. */
    static TrackerException failure(Context context, Supplier<Future<?>> op) throws Exception {
        try {
            Object value = await(context, () -> op.get().map(x -> (Object) x));
            return fail("expected a failure, got " + value);
        } catch (TrackerException e) {
            return e;
        } catch (Exception e) {
            assertInstanceOf(TrackerException.class, e, "unexpected failure type");
            throw e;
        }
    }

    /** Runs {@code action} on the context and waits until it has run. */
    static void run(Context context, Runnable action) throws Exception {
        await(context, () -> {
            action.run();
            return Future.succeededFuture();
        });
    }
}
