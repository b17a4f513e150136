package dev.jpsync.testsupport;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A fresh schema from {@link TestDatabase}, migrated by the project's Flyway scripts, for tests without Spring. */
public final class MigratedSchema implements AutoCloseable {

    private final TestDatabase.Schema schema;
    private final HikariDataSource dataSource;

    private MigratedSchema(TestDatabase.Schema schema, int poolSize) {
        this.schema = schema;
        Flyway.configure().dataSource(schema.url(), schema.username(), schema.password())
                .locations("classpath:db/migration").load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(schema.url());
        config.setUsername(schema.username());
        config.setPassword(schema.password());
        config.setMaximumPoolSize(poolSize);
        this.dataSource = new HikariDataSource(config);
    }

    public static MigratedSchema create(String hint, int poolSize) {
        return new MigratedSchema(TestDatabase.newSchema(hint), poolSize);
    }

    public TestDatabase.Schema schema() {
        return schema;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
