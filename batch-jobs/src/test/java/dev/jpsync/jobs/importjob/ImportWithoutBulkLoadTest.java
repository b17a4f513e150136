package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Every import test again with LOAD DATA LOCAL INFILE refused (an own MySQL leaves local_infile off by default): the
 * import writes the new rows with its upserts instead, and must leave exactly the same rows.
 */
@TestPropertySource(properties = "spring.datasource.hikari.data-source-properties.allowLoadLocalInfile=false")
class ImportWithoutBulkLoadTest extends ImportJobTest {

    @Autowired
    BulkInsert importBulkInsert;

    @AfterEach
    void theBulkLoadWasRefused() {
        if (jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single() > 0) { // a test that wrote rows
            assertThat(importBulkInsert.allowed()).as("the database refused LOAD DATA LOCAL INFILE").isFalse();
        }
    }
}
