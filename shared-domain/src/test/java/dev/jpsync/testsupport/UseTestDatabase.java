package dev.jpsync.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/** Runs a Spring test context against a fresh schema on the real test database (see {@link TestDatabase}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
// the initializer runs after Boot's environment post-processors: keep the production embedded database off
@TestPropertySource(properties = "sync.embedded-db.enabled=false")
public @interface UseTestDatabase {
}
