package dev.jpsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capture triggers as the Flyway migration defines them, dropped and re-created on a schema for benchmarks
 * that compare writes with and without capture. The DDL is read from the migration itself (on the classpath, as
 * the service's Flyway reads it), so that the re-created triggers cannot drift from what production runs; after
 * each re-creation the server's trigger definitions are compared with the ones Flyway had made.
 */
final class CaptureTriggerSwitch {

    static final String MIGRATION = "db/migration/V2__capture_triggers.sql";

    /** {@code CREATE TRIGGER name ...} up to the {@code END;} at the start of a line that closes its body. */
    private static final Pattern TRIGGER = Pattern.compile("(?ms)^CREATE TRIGGER (\\w+)\\b.*?^END;");

    private final Map<String, String> ddl; // trigger name -> CREATE TRIGGER statement, in the migration's order
    private final Map<String, String> asMigrated;

    private CaptureTriggerSwitch(Map<String, String> ddl, Map<String, String> asMigrated) {
        this.ddl = ddl;
        this.asMigrated = asMigrated;
    }

    /** Reads the migration and remembers the triggers as Flyway created them on this connection's schema. */
    static CaptureTriggerSwitch of(Connection c) throws SQLException {
        Map<String, String> ddl = parse(migration());
        Map<String, String> installed = installed(c);
        if (!installed.keySet().containsAll(ddl.keySet())) {
            throw new IllegalStateException("the schema lacks some capture triggers of " + MIGRATION + ": it has "
                    + installed.keySet() + ", the migration defines " + ddl.keySet());
        }
        Map<String, String> asMigrated = new TreeMap<>(installed);
        asMigrated.keySet().retainAll(ddl.keySet());
        return new CaptureTriggerSwitch(ddl, asMigrated);
    }

    static Map<String, String> parse(String migration) {
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher m = TRIGGER.matcher(migration);
        while (m.find()) {
            String statement = m.group();
            statements.put(m.group(1), statement.substring(0, statement.length() - 1)); // without the ';'
        }
        int declared = migration.split("(?m)^CREATE TRIGGER ", -1).length - 1;
        if (statements.isEmpty() || statements.size() != declared) {
            throw new IllegalStateException(MIGRATION + ": parsed " + statements.size() + " of " + declared
                    + " CREATE TRIGGER statements");
        }
        return statements;
    }

    Iterable<String> names() {
        return ddl.keySet();
    }

    void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : ddl.keySet()) {
                s.execute("DROP TRIGGER IF EXISTS " + name);
            }
        }
        Map<String, String> left = installed(c);
        left.keySet().retainAll(ddl.keySet());
        if (!left.isEmpty()) {
            throw new IllegalStateException("capture triggers still there after dropping them: " + left.keySet());
        }
    }

    /** Re-creates the triggers from the migration's DDL; checks that they read as Flyway had made them. */
    void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : ddl.values()) {
                s.execute(statement);
            }
        }
        Map<String, String> now = installed(c);
        now.keySet().retainAll(ddl.keySet());
        if (!normalized(now).equals(normalized(asMigrated))) {
            throw new IllegalStateException("the re-created capture triggers differ from the migrated ones");
        }
    }

    private static Map<String, String> normalized(Map<String, String> triggers) {
        Map<String, String> result = new TreeMap<>();
        triggers.forEach((name, body) -> result.put(name, body.replaceAll("\\s+", " ").strip()));
        return result;
    }

    /** The triggers of the connection's schema: name -> "timing event table: body". */
    private static Map<String, String> installed(Connection c) throws SQLException {
        Map<String, String> triggers = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE,"
                     + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                triggers.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + ": "
                        + rs.getString(5));
            }
        }
        return triggers;
    }

    private static String migration() {
        try (InputStream in = CaptureTriggerSwitch.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException(MIGRATION + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
