package dev.jpsync.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.jobs.importjob.ImportOnStartup;
import dev.jpsync.testsupport.UseTestDatabase;

/** {@code sync.import.on-startup=false}: the service starts on an empty database and imports nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sync.import.on-startup=false", "sync.remote.base-url=http://127.0.0.1:9"})
@UseTestDatabase
class ImportOnStartupOffTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void importsNothing() {
        assertThat(context.getBeansOfType(ImportOnStartup.class)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single()).isZero();
    }
}
