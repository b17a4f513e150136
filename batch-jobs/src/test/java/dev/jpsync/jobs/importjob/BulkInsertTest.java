package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.jpsync.testsupport.TestDatabase;

/** LOAD DATA LOCAL INFILE from memory, on the real database: all rows as given, or a "no" the caller acts on. */
class BulkInsertTest {

    private static final String COLUMNS = "(id, remote_id, title)";

    private TestDatabase.Schema schema;
    private JdbcTemplate jdbc;

    @BeforeEach
    void table() {
        schema = TestDatabase.newSchema("bulk");
        jdbc = new JdbcTemplate(dataSource(schema.url()));
        jdbc.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, remote_id BIGINT NOT NULL UNIQUE, title VARCHAR(20) NOT NULL)"
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    private DataSource dataSource(String url) {
        return new DriverManagerDataSource(url, schema.username(), schema.password());
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList("SELECT id, remote_id, title FROM t ORDER BY id");
    }

    @Test
    void loadsEveryRowExactlyAsGiven() {
        TsvRows rows = new TsvRows().add(1L, 11L, "tab\there").add(2L, 12L, "back\\slash\nnewline").add(3L, 13L, "ünï ✓");

        assertThat(new BulkInsert(jdbc).load("t", COLUMNS, rows, false)).isTrue();

        assertThat(rows()).containsExactly(
                Map.of("id", 1L, "remote_id", 11L, "title", "tab\there"),
                Map.of("id", 2L, "remote_id", 12L, "title", "back\\slash\nnewline"),
                Map.of("id", 3L, "remote_id", 13L, "title", "ünï ✓"));
    }

    @Test
    void saysNoWhenARowsKeyIsTakenAndLeavesThatRowAlone() {
        jdbc.update("INSERT INTO t VALUES (2, 99, 'mine')");

        assertThat(new BulkInsert(jdbc).load("t", COLUMNS, new TsvRows().add(1L, 11L, "a").add(2L, 12L, "b"), false)).isFalse();

        assertThat(jdbc.queryForObject("SELECT title FROM t WHERE id = 2", String.class)).isEqualTo("mine");
    }

    @Test
    void saysNoWhenTheDatabaseHadToChangeAValue() {
        assertThat(new BulkInsert(jdbc).load("t", COLUMNS, new TsvRows().add(1L, 11L, "x".repeat(21)), false)).isFalse();
    }

    @Test
    void saysNoWhenLocalLoadingIsNotAllowedAndDoesNotAskAgain() {
        AtomicInteger connections = new AtomicInteger();
        DataSource refusing = new DelegatingDataSource(dataSource(schema.url().replace("allowLoadLocalInfile=true",
                "allowLoadLocalInfile=false"))) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        BulkInsert bulk = new BulkInsert(new JdbcTemplate(refusing));

        assertThat(bulk.load("t", COLUMNS, new TsvRows().add(1L, 11L, "a"), false)).isFalse();
        assertThat(bulk.load("t", COLUMNS, new TsvRows().add(2L, 12L, "b"), false)).isFalse();

        assertThat(rows()).isEmpty();
        assertThat(connections).as("asked once").hasValue(1);
    }

    @Test
    void withItsParentsLockedByTheCallerItLoadsWithoutCheckingThemAndTurnsTheChecksBackOnForTheConnection() {
        SingleConnectionDataSource one = new SingleConnectionDataSource(schema.url(), schema.username(), schema.password(), true);
        JdbcTemplate connection = new JdbcTemplate(one);
        connection.execute("CREATE TABLE p (id BIGINT PRIMARY KEY)");
        connection.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, remote_id BIGINT NOT NULL, p_id BIGINT NOT NULL,"
                + " FOREIGN KEY (p_id) REFERENCES p (id))");
        connection.update("INSERT INTO p VALUES (1)");

        assertThat(new BulkInsert(connection).load("c", "(id, remote_id, p_id)", new TsvRows().add(1L, 11L, 1L), true)).isTrue();

        assertThat(connection.queryForObject("SELECT @@foreign_key_checks", Integer.class)).isEqualTo(1);
        assertThat(connection.queryForObject("SELECT p_id FROM c WHERE id = 1", Long.class)).isEqualTo(1);
        one.destroy();
    }
}
