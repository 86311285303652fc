package dev.bitquark.app.persistence;

import dev.bitquark.testkit.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The server as a Kubernetes user runs it with a database: {@code BITQUARK_PERSISTENCE=postgresql}. */
public class PostgresPersistenceProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("bitquark.persistence", "postgresql");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class));
    }
}
