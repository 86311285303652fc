package dev.bitquark.app.api;

import dev.bitquark.app.security.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A 4xx/5xx answer with the API's error body {@code {"error": code, "message": text}}. */
public final class ApiException extends WebApplicationException {
    public ApiException(int status, String code, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(code, message)).build());
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }
}
