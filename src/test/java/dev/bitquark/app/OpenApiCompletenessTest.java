package dev.bitquark.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint of the application is in the OpenAPI document with its HTTP method: the
 * resource classes are read from the compiled code (JAX-RS {@code @Path} and method annotations),
 * so a new endpoint without documentation fails here.
 */
@QuarkusTest
class OpenApiCompletenessTest {
    static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    /** "METHOD /path" of every resource method in dev.bitquark.app. */
    static Set<String> endpointsInCode() {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bitquark.app")) {
            if (!c.isAnnotatedWith(jakarta.ws.rs.Path.class)) {
                continue;
            }
            String base = c.getAnnotationOfType(jakarta.ws.rs.Path.class).value();
            for (JavaMethod m : c.getMethods()) {
                for (String verb : VERBS) {
                    String annotation = "jakarta.ws.rs." + verb;
                    if (m.isAnnotatedWith(annotation)) {
                        String sub = m.isAnnotatedWith(jakarta.ws.rs.Path.class)
                                ? m.getAnnotationOfType(jakarta.ws.rs.Path.class).value() : "";
                        out.add(verb + " " + join(base, sub));
                    }
                }
            }
        }
        return out;
    }

    static String join(String base, String sub) {
        String p = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (sub.isEmpty() || sub.startsWith("/") ? sub : "/" + sub);
        // A template with a pattern ({name: .+}) is documented as its bare parameter ({name}).
        p = p.replaceAll("\\{([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return p.isEmpty() ? "/" : p;
    }

    @Test
    void everyEndpointOfTheCodeIsDocumented() {
        Set<String> code = endpointsInCode();
        assertTrue(code.size() >= 30, "endpoints found in the code: " + code);
        JsonObject paths = new JsonObject(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString()).getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        for (String e : code) {
            String verb = e.substring(0, e.indexOf(' '));
            String path = e.substring(e.indexOf(' ') + 1);
            JsonObject item = paths.getJsonObject(path);
            if (item == null || item.getJsonObject(verb.toLowerCase(Locale.ROOT)) == null) {
                missing.add(e);
            } else if (item.getJsonObject(verb.toLowerCase(Locale.ROOT)).getString("summary") == null
                    && item.getJsonObject(verb.toLowerCase(Locale.ROOT)).getString("description") == null) {
                missing.add(e + " (no summary)");
            }
        }
        assertEquals(List.of(), missing, "endpoints not (or not fully) in /q/openapi");
    }
}
