package dev.jpsync.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * There is no Docker engine on our machines, so compose.yml and the Dockerfile are never run here; this
 * keeps them honest: they parse, and everything they reference exists.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

    @Test
    void servicesDependOnServicesThatExistAndVolumesAreDeclared() throws IOException {
        Map<String, Object> compose = composeFile();
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("mysql", "sync", "sync-replica");
        Set<String> declaredVolumes = map(compose.getOrDefault("volumes", Map.of())).keySet();

        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue());
            assertThat(definition.containsKey("build") || definition.containsKey("image"))
                    .as(service.getKey() + " has an image or a build").isTrue();
            Object dependsOn = definition.get("depends_on");
            if (dependsOn != null) {
                assertThat(services.keySet()).as(service.getKey() + " depends on").containsAll(map(dependsOn).keySet());
            }
            for (Object volume : (List<?>) definition.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(declaredVolumes).as("named volume of " + service.getKey()).contains(source);
                }
            }
        }
        Map<String, Object> mysql = map(services.get("mysql"));
        assertThat(mysql.get("image")).isEqualTo("mysql:8.4");
        assertThat(map(mysql.get("healthcheck"))).containsKey("test");
        // the service waits for the database's healthcheck, not just for its container
        assertThat(map(map(map(services.get("sync")).get("depends_on")).get("mysql")))
                .containsEntry("condition", "service_healthy");
        assertThat(map(services.get("sync-replica")).get("profiles")).isEqualTo(List.of("replicas"));
    }

    @Test
    void everyVariableWithoutDefaultIsInTheEnvExample() throws IOException {
        String compose = Files.readString(ROOT.resolve("compose.yml"));
        Set<String> documented = new HashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                documented.add(line.substring(0, line.indexOf('=')));
            }
        }
        List<String> referenced = new ArrayList<>();
        Matcher m = VARIABLE.matcher(compose);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertThat(referenced).isNotEmpty();
        assertThat(documented).containsAll(referenced);
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    }

    @Test
    void dockerfileBuildsFromFilesThatExistAndRunsAsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSize(2); // multi-stage
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.substring(5).trim().split("\\s+");
                for (int i = 0; i < parts.length - 1; i++) {
                    assertThat(ROOT.resolve(parts[i])).as("COPY source " + parts[i]).exists();
                }
            }
        }
        assertThat(lines).anyMatch(l -> l.startsWith("USER ") && !l.contains("root"));
        // the jar the Dockerfile extracts is the one the api module builds
        String apiPom = Files.readString(ROOT.resolve("api/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(apiPom);
        assertThat(finalName.find()).isTrue();
        assertThat(String.join("\n", lines)).contains("api/target/" + finalName.group(1) + ".jar");
    }

    private static Map<String, Object> composeFile() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return yaml.load(Files.readString(ROOT.resolve("compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
