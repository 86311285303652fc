package dev.bitquark.app.api;

import dev.bitquark.app.security.ApiError;
import dev.bitquark.engine.EngineException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST layer's own refusals (no such method on a path, an unsupported media type, …) and the engine's typed
 * failures ({@link EngineException}, by kind) in the API's error form {@code {"error","message"}} instead of empty
 * or HTML bodies. Errors the resources raise ({@link ApiException})
 * already carry their JSON and pass through unchanged. Stateless.
 */
public class HttpErrors {

    /** The one place engine failures become HTTP answers: by their kind, never by guessing at exception types. */
    @ServerExceptionMapper
    public Response engine(EngineException e) {
        return toResponse(e);
    }

    /** An engine failure that arrives wrapped (a completion stage); anything else keeps the default handling. */
    @ServerExceptionMapper
    public Response wrapped(CompletionException e) {
        return e.getCause() instanceof EngineException ee ? toResponse(ee) : null;
    }

    static Response toResponse(EngineException e) {
        return switch (e.kind()) {
            case NOT_FOUND, REMOVED -> status(404, "not_found", e.getMessage());
            case NO_METADATA -> status(409, "no_metadata", e.getMessage());
            case INVALID_ARGUMENT -> status(400, "bad_request", e.getMessage());
            case STORAGE -> status(500, "storage", e.getMessage());
        };
    }

    private static Response status(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(code, message)).build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri, HttpHeaders headers, Request request) {
        Response original = e.getResponse();
        String allowed = String.join(", ", original.getAllowedMethods());
        Response.ResponseBuilder b = Response.status(405).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("method_not_allowed", "/" + clip(uri.getPath()) + " does not accept "
                        + request.getMethod() + (allowed.isEmpty() ? "" : "; allowed: " + allowed)
                        + " (the API is described at /q/openapi)"));
        return allowed.isEmpty() ? b.build() : b.header("Allow", allowed).build();
    }

    @ServerExceptionMapper
    public Response other(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original; // an ApiException: already in the API's form
        }
        int status = original.getStatus();
        String reason = original.getStatusInfo().getReasonPhrase();
        String code = reason == null ? "error" : reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String message = switch (status) {
            case 404 -> "no such API endpoint or resource";
            case 406 -> "this endpoint cannot answer in the media type the Accept header asks for";
            case 415 -> "this endpoint does not accept the request's Content-Type";
            default -> reason == null ? "the request cannot be served" : reason;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(code, message)).build();
    }

    private static String clip(String s) {
        String p = s.startsWith("/") ? s.substring(1) : s;
        return (p.length() > 100 ? p.substring(0, 100) + "…" : p).replaceAll("\\p{Cntrl}", "?");
    }
}
