package dev.bitquark.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bitquark.app.security.ApiError;
import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.EngineException.Kind;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Engine failures become HTTP answers in one place, by their kind (no guessing at exception types). */
class EngineErrorMappingTest {
    private static void assertMapped(Kind kind, int status, String code) {
        Response r = HttpErrors.toResponse(new EngineException(kind, "why"));
        assertEquals(status, r.getStatus(), kind.name());
        assertEquals(new ApiError(code, "why"), r.getEntity(), kind.name());
    }

    @Test
    void everyKindHasItsStatus() {
        assertMapped(Kind.NOT_FOUND, 404, "not_found");
        assertMapped(Kind.REMOVED, 404, "not_found");
        assertMapped(Kind.NO_METADATA, 409, "no_metadata");
        assertMapped(Kind.INVALID_ARGUMENT, 400, "bad_request");
        assertMapped(Kind.STORAGE, 500, "storage");
        assertEquals(Kind.values().length, 5, "a new kind needs its status here");
    }

    @Test
    void aWrappedEngineFailureIsMappedAndAnythingElseIsLeftAlone() {
        HttpErrors errors = new HttpErrors();
        assertEquals(409, errors.wrapped(new CompletionException(new EngineException(Kind.NO_METADATA, "x"))).getStatus());
        assertNull(errors.wrapped(new CompletionException(new IllegalStateException("a defect"))));
    }

    @Test
    void anIllegalArgumentFromInsideTheEngineIsAnInvalidArgumentAtItsBoundary() {
        Throwable t = EngineException.atBoundary(new IllegalArgumentException("file 9 outside 0..2"));
        assertEquals(Kind.INVALID_ARGUMENT, ((EngineException) t).kind());
        IllegalStateException defect = new IllegalStateException("bug");
        assertEquals(defect, EngineException.atBoundary(defect), "a defect is not dressed up as a caller's mistake");
    }
}
