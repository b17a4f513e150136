package dev.jpsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every {@code sync.*} property has metadata (the configuration processor's, from the records' javadoc and
 * {@code @DefaultValue}s) with a description, in every module that has properties, so IDEs complete and explain them.
 */
class PropertyMetadataTest {

    @Test
    void everySyncPropertyIsDescribed() throws IOException {
        List<String> names = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        for (URL metadata : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : ApiClient.JSON.readTree(in).get("properties")) {
                    String name = property.get("name").asString();
                    if (name.startsWith("sync.")) {
                        names.add(name);
                        if (!property.hasNonNull("description") || property.get("description").asString().isBlank()) {
                            undescribed.add(name);
                        }
                    }
                }
            }
        }
        assertThat(names).contains("sync.embedded-db.port", "sync.export.chunk-size", "sync.import.chunk-size",
                "sync.remote.base-url", "sync.schedule.export.fixed-delay", "sync.schedule.import.enabled",
                "sync.api.max-body-size", "sync.security.users", "sync.health.remote.path");
        assertThat(undescribed).isEmpty();
    }
}
