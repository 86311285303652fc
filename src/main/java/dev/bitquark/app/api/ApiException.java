package dev.bitquark.app.api;

import dev.bitquark.app.security.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A 4xx/5xx answer with the API's error body {@code {"error": code, "message": text}}. */
public final class ApiException extends WebApplicationException {
    public ApiException(int status, String code, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(code, message)).build());
    }

    private ApiException(int status, String message, Map<String, Object> body) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build());
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /**
     * 400 about one field of a request: {@code {"error": code, "message": text, "field": name}}, so a
     * form can show the message on that field.
     */
    public static ApiException badField(String code, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("field", field);
        return new ApiException(400, message, body);
    }

    /** 413: a body or a fetched file over the cap. */
    public static ApiException tooLarge(String message) {
        return new ApiException(413, "too_large", message);
    }

    /** 409 for a torrent that is already in the session; {@code id} names it, so a client can go there. */
    public static ApiException duplicate(String id, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "duplicate");
        body.put("message", message);
        body.put("id", id);
        return new ApiException(409, message, body);
    }
}
