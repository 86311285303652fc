package dev.bitquark.app;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Credentials of the test profile (src/test/resources/application.properties). */
public final class TestAuth {
    public static final String PASSWORD = "test-password-7f3a9c1e";

    private TestAuth() {
    }

    /** {@code Authorization} value for HTTP Basic with any user name and {@code password}. */
    public static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("script:" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String basic() {
        return basic(PASSWORD);
    }

    /** A RestAssured request authenticated with HTTP Basic. */
    public static RequestSpecification authed() {
        return given().header("Authorization", basic());
    }
}
