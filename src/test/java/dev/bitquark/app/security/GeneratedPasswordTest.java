package dev.bitquark.app.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole first-start path in a running server: no password configured, a fresh data folder, and
 * the console/log file as the only place the generated password appears. Also exercises the
 * optional log file ({@code quarkus.log.file.*}).
 */
@QuarkusTest
@TestProfile(GeneratedPasswordTest.FirstStart.class)
class GeneratedPasswordTest {
    /** One fresh folder per run, shared through a system property: the profile and the test live in different class loaders. */
    static final Path DIR = Path.of((String) System.getProperties().computeIfAbsent("first-start-dir.test",
            k -> "target/test-state/first-start-" + System.nanoTime()));

    public static class FirstStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bitquark.auth.password", "",
                    "bitquark.data-dir", DIR.resolve("data").toString(),
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", DIR.resolve("bitquark.log").toString());
        }
    }

    @Test
    void firstStartPrintsAGeneratedPasswordOnceAndItLogsIn() throws Exception {
        List<String> log = Files.readAllLines(DIR.resolve("bitquark.log"));
        int intro = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("store it now:")) {
                intro = i;
            }
        }
        assertTrue(intro >= 0, "the log announces the generated password:\n" + String.join("\n", log));
        assertTrue(String.join("\n", log.subList(Math.max(0, intro - 3), intro + 1)).contains("WARN"));
        String password = log.get(intro + 2).strip();
        assertTrue(password.length() >= 20, "password line: '" + password + "'");
        assertEquals(1, log.stream().filter(l -> l.contains(password)).count(), "printed exactly once");

        String stored = Files.readString(DIR.resolve("data").resolve(PasswordStore.FILE_NAME));
        assertFalse(stored.contains(password));

        given().contentType("application/json").body(Map.of("password", password))
                .when().post(PathRules.LOGIN).then().statusCode(204);
        given().when().get("/api/v1/version").then().statusCode(401);
    }

    @Test
    void aStoredPasswordIsChangedThroughTheApiWithTheCurrentOneAndKeptHashed() throws Exception {
        String password = generated();
        String basic = dev.bitquark.app.TestAuth.basic(password);
        given().header("Authorization", basic).when().get("/api/v1/auth/session").then().statusCode(200)
                .body("passwordChangeable", org.hamcrest.Matchers.equalTo(true));
        given().header("Authorization", basic).contentType("application/json")
                .body(Map.of("current", "not-the-password", "password", "chosen-password-42"))
                .when().post("/api/v1/auth/password").then().statusCode(403)
                .body("field", org.hamcrest.Matchers.equalTo("current"));
        try {
            given().header("Authorization", basic).contentType("application/json")
                    .body(Map.of("current", password, "password", "chosen-password-42"))
                    .when().post("/api/v1/auth/password").then().statusCode(204);
            given().header("Authorization", basic).when().get("/api/v1/version").then().statusCode(401);
            String chosen = dev.bitquark.app.TestAuth.basic("chosen-password-42");
            given().header("Authorization", chosen).when().get("/api/v1/version").then().statusCode(200);
            String stored = Files.readString(DIR.resolve("data").resolve(PasswordStore.FILE_NAME));
            assertFalse(stored.contains("chosen-password-42"));
            assertTrue(PasswordStore.read(DIR.resolve("data").resolve(PasswordStore.FILE_NAME)).orElseThrow()
                    .matches("chosen-password-42".toCharArray()), "the file holds the new password's hash");
        } finally {
            // Back to the generated one, for the other test of this class whatever the order.
            given().header("Authorization", dev.bitquark.app.TestAuth.basic("chosen-password-42"))
                    .contentType("application/json").body(Map.of("current", "chosen-password-42", "password", password))
                    .when().post("/api/v1/auth/password");
        }
    }

    /** The generated password, from the one place it appears: the log. */
    static String generated() throws Exception {
        List<String> log = Files.readAllLines(DIR.resolve("bitquark.log"));
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("store it now:")) {
                return log.get(i + 2).strip();
            }
        }
        throw new AssertionError("no generated password in the log");
    }
}
