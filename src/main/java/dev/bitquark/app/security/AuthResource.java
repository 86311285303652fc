package dev.bitquark.app.security;

import dev.bitquark.app.security.Authenticator.PasswordCheck;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Login for the web UI (session cookie) and API tokens for scripts. {@code login} and
 * {@code logout} are open; the rest sits behind {@link SecurityFilter}. Methods block (PBKDF2, file
 * writes) and so run on worker threads. Stateless itself; the shared state is in {@link Authenticator}.
 */
@Path("/api/v1/auth")
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final Authenticator auth;

    AuthResource(Authenticator auth) {
        this.auth = auth;
    }

    /** {@code {"password": "..."}}. */
    public record LoginRequest(String password) {
    }

    /**
     * How the caller is authenticated: cookie, basic, bearer or localhost; and whether the password can
     * be changed here (not when the configuration sets it).
     */
    public record SessionInfo(boolean authenticated, String method, boolean passwordChangeable) {
    }

    /** {@code {"current": "...", "password": "..."}}: the password in force, and the new one. */
    public record PasswordChange(String current, String password) {
    }

    /** Shortest new password accepted: a guessable one would only meet the login limiter. */
    static final int MIN_NEW_PASSWORD = 8;

    /** {@code {"label": "backup script"}}; the label is optional. */
    public record TokenRequest(String label) {
    }

    /** A new token; {@code token} is shown only in this answer. */
    public record TokenCreated(String id, String label, Instant created, String token) {
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with the password; sets the HttpOnly session cookie (204)")
    public Response login(LoginRequest body, @Context RoutingContext rc) {
        if (body == null || body.password() == null || body.password().isEmpty()) {
            return error(400, "bad_request", "field 'password' is missing or empty");
        }
        if (body.password().length() > PasswordHash.MAX_PASSWORD_CHARS) {
            return error(400, "bad_request", "field 'password' is longer than "
                    + PasswordHash.MAX_PASSWORD_CHARS + " characters");
        }
        if (!auth.ready()) {
            return Response.fromResponse(error(503, "starting", "bitquark is starting")).header("Retry-After", 5).build();
        }
        RequestFacts facts = facts(rc);
        PasswordCheck check = auth.check(facts.clientKey(), body.password());
        return switch (check.result()) {
            case ACCEPTED -> Response.noContent()
                    .header("Set-Cookie", SessionCookies.issue(auth.sessions().create(), facts.secure(),
                            auth.sessions().ttlSeconds()))
                    .build();
            case REJECTED -> error(401, "unauthorized", "wrong password");
            case BANNED -> retry(error(429, "banned", "too many failed logins from this address; banned for "
                    + check.retryAfterSeconds() + " s"), check);
            case LIMITED -> retry(error(429, "too_many_attempts", "too many failed logins; retry in "
                    + check.retryAfterSeconds() + " s"), check);
            default -> retry(error(503, "busy", "too many password checks at once; retry in a second"), check);
        };
    }

    @POST
    @Path("logout")
    @Operation(summary = "End the browser session and delete its cookie (204)")
    public Response logout(@Context RoutingContext rc) {
        for (Cookie c : rc.request().cookies(SessionCookies.NAME)) {
            auth.sessions().remove(c.getValue());
        }
        return Response.noContent().header("Set-Cookie", SessionCookies.clear(facts(rc).secure())).build();
    }

    @GET
    @Path("session")
    @Operation(summary = "200 when the request is authenticated (the UI shows its login form on 401)")
    public SessionInfo session(@Context RoutingContext rc) {
        RequestFacts.AuthMethod m = facts(rc).method();
        return new SessionInfo(true, m == null ? "none" : m.name().toLowerCase(Locale.ROOT), auth.passwordChangeable());
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password: the current one must be given (checked like a login); 204. 409 when the "
            + "configuration sets it (bitquark.auth.password). Browser sessions and API tokens stay valid")
    public Response changePassword(PasswordChange body, @Context RoutingContext rc) {
        if (body == null || body.current() == null || body.current().isEmpty()) {
            return field(400, "bad_request", "current", "field 'current' (the password in force) is missing");
        }
        if (body.password() == null || body.password().length() < MIN_NEW_PASSWORD
                || body.password().length() > PasswordHash.MAX_PASSWORD_CHARS) {
            return field(400, "bad_password", "password", "the new password must be " + MIN_NEW_PASSWORD + " to "
                    + PasswordHash.MAX_PASSWORD_CHARS + " characters");
        }
        if (!auth.passwordChangeable()) {
            return field(409, "password_configured", "password", "the password is set by bitquark.auth.password "
                    + "(BITQUARK_AUTH_PASSWORD): change it there and restart");
        }
        PasswordCheck check = auth.check(facts(rc).clientKey(), body.current());
        return switch (check.result()) {
            case ACCEPTED -> {
                char[] next = body.password().toCharArray();
                try {
                    auth.changePassword(next);
                    yield Response.noContent().build();
                } catch (IllegalArgumentException | IllegalStateException | AuthSetupException e) {
                    yield field(500, "not_saved", "password", "the password was not changed: " + e.getMessage());
                } finally {
                    java.util.Arrays.fill(next, '\0');
                }
            }
            // 403, not 401: the caller is logged in; a wrong current password must not log the page out.
            case REJECTED -> field(403, "wrong_password", "current", "the current password is wrong");
            case BANNED, LIMITED -> retry(error(429, "too_many_attempts", "too many wrong passwords; retry in "
                    + check.retryAfterSeconds() + " s"), check);
            default -> retry(error(503, "busy", "too many password checks at once; retry in a second"), check);
        };
    }

    private static Response field(int status, String code, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(java.util.Map.of("error", code, "message", message, "field", field)).build();
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token for scripts (Authorization: Bearer <token>); shown once")
    public Response createToken(TokenRequest body) {
        try {
            ApiTokens.Created c = auth.tokens().create(body == null ? null : body.label(), Instant.now());
            return Response.status(201)
                    .entity(new TokenCreated(c.info().id(), c.info().label(), c.info().created(), c.token()))
                    .build();
        } catch (IllegalArgumentException e) {
            return error(400, "bad_request", e.getMessage());
        }
    }

    @GET
    @Path("tokens")
    @Operation(summary = "List API tokens (ids and labels, never the secrets)")
    public List<ApiTokens.Info> listTokens() {
        return auth.tokens().list();
    }

    @DELETE
    @Path("tokens/{id}")
    @Operation(summary = "Revoke an API token")
    public Response revokeToken(@PathParam("id") String id) {
        return auth.tokens().revoke(id) ? Response.noContent().build()
                : error(404, "not_found", "no API token with id '" + (id.length() > 40 ? id.substring(0, 40) : id) + "'");
    }

    private static RequestFacts facts(RoutingContext rc) {
        RequestFacts f = rc.get(RequestFacts.KEY);
        if (f == null) {
            throw new IllegalStateException("request did not pass the security filter");
        }
        return f;
    }

    private static Response retry(Response r, PasswordCheck check) {
        return Response.fromResponse(r).header("Retry-After", check.retryAfterSeconds()).build();
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(code, message)).build();
    }
}
