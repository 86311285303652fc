package dev.bitquark.app.security;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares in the OpenAPI document how the API authenticates (registered through
 * {@code mp.openapi.model.reader}), so that Swagger UI's "Authorize" button can send Basic or Bearer
 * credentials; a browser logged in to the web UI also works through its session cookie. The
 * scanned resources are merged on top of this model. Stateless.
 */
public final class OpenApiSecurity implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI()
                .components(OASFactory.createComponents()
                        .addSecurityScheme("password", OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("HTTP Basic: any user name, the bitquark password"))
                        .addSecurityScheme("token", OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token from POST /api/v1/auth/tokens"))
                        .addSecurityScheme("session", OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                                .name(SessionCookies.NAME)
                                .description("The web UI's session cookie, set by POST /api/v1/auth/login"))
                        .addSecurityScheme("queryToken", OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY)
                                .name(PathRules.TOKEN_PARAMETER)
                                .description("An API token as ?token=, accepted only by the stream and playlist"
                                        + " endpoints (for media players, which cannot send headers)")))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("password"))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("token"))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("session"));
    }
}
