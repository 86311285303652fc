package dev.bitquark.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {
    @Test
    void documentsTheApi() {
        given().accept("application/json").when().get("/q/openapi").then()
                .statusCode(200)
                .body(containsString("/api/v1/version"))
                .body(containsString("/api/v1/session/stats"))
                .body(containsString("/api/v1/session/limits"))
                .body(containsString("/api/v1/settings"))
                .body(containsString("/api/v1/dht/stats"))
                .body(containsString("queriesInPerSecond"))
                .body(containsString("bitquark API"))
                .body("components.securitySchemes.password.scheme", org.hamcrest.Matchers.equalTo("basic"))
                .body("components.securitySchemes.token.scheme", org.hamcrest.Matchers.equalTo("bearer"));
    }

    @Test
    void servesSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void versionNamesTheProduct() {
        TestAuth.authed().when().get("/api/v1/version").then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("bitquark"))
                .body("version", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }
}
