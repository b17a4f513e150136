package dev.jpsync.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh schema from {@link TestDatabase}. Use it through
 * {@link UseTestDatabase}. Flyway then migrates the schema as it does in production.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Schema schema = TestDatabase.newSchema("ctx");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", Map.of(
                "spring.datasource.url", schema.url(),
                "spring.datasource.username", schema.username(),
                "spring.datasource.password", schema.password(),
                "test.database.schema", schema.name())));
    }
}
