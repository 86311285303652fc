package dev.bitquark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes base and the native Dockerfile say what the README promises: one replica, probes on
 * the health endpoints, the UI and peer ports (TCP, and UDP for the DHT), non-root and read-only,
 * volumes for state and downloads, the password from a Secret. No cluster here, so the manifests
 * are checked as data.
 */
class DeploymentFilesTest {
    static final Path K8S = Path.of("k8s");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> docs(String file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(K8S.resolve(file)))) {
            if (o != null) {
                out.add((Map<String, Object>) o);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object cur = node;
        for (String p : path) {
            cur = cur instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) cur).get(p);
        }
        return (T) cur;
    }

    @Test
    void kustomizationListsExistingResources() throws IOException {
        Map<String, Object> k = docs("kustomization.yaml").getFirst();
        List<String> resources = at(k, "resources");
        for (String r : resources) {
            assertTrue(Files.exists(K8S.resolve(r)), "kustomization names a missing file: " + r);
        }
        assertTrue(resources.containsAll(List.of("statefulset.yaml", "service.yaml", "secret.yaml")));
    }

    @Test
    void statefulSetIsSafeAndProbed() throws IOException {
        Map<String, Object> sts = docs("statefulset.yaml").getFirst();
        assertEquals("StatefulSet", sts.get("kind"));
        assertEquals(1, (int) at(sts, "spec", "replicas"));
        Map<String, Object> pod = at(sts, "spec", "template", "spec");
        assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
        Map<String, Object> c = at(pod, "containers", "0");
        assertEquals(true, at(c, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(false, at(c, "securityContext", "allowPrivilegeEscalation"));
        assertEquals("/q/health/live", at(c, "livenessProbe", "httpGet", "path"));
        assertEquals("/q/health/ready", at(c, "readinessProbe", "httpGet", "path"));
        assertEquals("/q/health/started", at(c, "startupProbe", "httpGet", "path"));
        assertTrue(at(c, "resources", "limits", "memory") != null && at(c, "resources", "requests", "cpu") != null);
        List<Map<String, Object>> ports = at(c, "ports");
        assertTrue(ports.stream().anyMatch(p -> p.get("containerPort").equals(3030)));
        assertTrue(ports.stream().anyMatch(p -> p.get("containerPort").equals(4240) && "TCP".equals(p.get("protocol"))));
        assertTrue(ports.stream().anyMatch(p -> p.get("containerPort").equals(4240) && "UDP".equals(p.get("protocol"))));
        List<Map<String, Object>> env = at(c, "env");
        assertTrue(env.stream().anyMatch(e -> "BITQUARK_AUTH_PASSWORD".equals(e.get("name"))
                && "bitquark-auth".equals(at(e, "valueFrom", "secretKeyRef", "name"))));
        List<Map<String, Object>> claims = at(sts, "spec", "volumeClaimTemplates");
        assertEquals(List.of("data", "downloads"), claims.stream().map(v -> (String) at(v, "metadata", "name")).toList());
    }

    @Test
    void servicesExposeUiAndPeerPorts() throws IOException {
        List<Map<String, Object>> services = docs("service.yaml");
        assertEquals(2, services.size());
        String all = services.toString();
        assertTrue(all.contains("port=3030"), all);
        assertTrue(all.contains("protocol=UDP") && all.contains("port=4240"), all);
    }

    @Test
    void nativeDockerfileIsMultiStageNonRootMultiArch() throws IOException {
        String d = Files.readString(Path.of("Dockerfile.native"));
        assertTrue(d.contains("mandrel"), "Mandrel builder");
        assertTrue(d.contains("linux/arm64") && d.contains("linux/amd64"), "multi-arch");
        assertTrue(d.contains("USER 10001"), "non-root");
        assertTrue(d.contains("EXPOSE 3030/tcp 4240/tcp 4240/udp"));
        assertTrue(d.contains("VOLUME"));
        assertTrue(d.lines().filter(l -> l.startsWith("FROM ")).count() >= 3, "multi-stage");
    }
}
