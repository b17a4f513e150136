package dev.jpsync.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.jpsync.embedded.EmbeddedMariaDb;
import dev.jpsync.embedded.RootPassword;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end helper for the export tests (e2e/tests/30-*.sh, 31-*.sh), run against the service's database while
 * the service runs (embedded MariaDB on 127.0.0.1:{@code port}, schema {@code schema}; root's password is read
 * from the data directory named by the environment variable {@code DB_DATA_DIR}, which e2e/lib.sh sets):
 * <ul>
 * <li>{@code sql <port> <schema> <statement>...}: plain SQL writes, as any other client would make them
 * (the capture triggers log them);</li>
 * <li>{@code query <port> <schema> <select>}: prints the rows, one per line (NULL as "null"), fields separated by '|';</li>
 * <li>{@code compare <port> <schema> <remote base url>}: the remote's posts and comments equal the database's,
 * field for field, matched through {@code remote_id} (a comment's postId is its post's remote id); every row
 * has a remote id, change_log is empty and no sync_failure is open (not re-queued). Prints OK or MISMATCH lines,
 * exit 0 when equal.</li>
 * <li>{@code compare-except <port> <schema> <remote base url> <post id>}: the same for every record but that local
 * post (its row, its remote record and its open sync failure are left out), which the remote kept refusing.</li>
 * </ul>
 */
public final class ExportedDatabaseCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String url = "jdbc:mysql://127.0.0.1:" + args[1] + "/" + args[2] + "?useSSL=false&allowPublicKeyRetrieval=true";
        String password = RootPassword.read(Path.of(System.getenv("DB_DATA_DIR"))).orElseThrow(
                () -> new IllegalStateException("no database password in DB_DATA_DIR=" + System.getenv("DB_DATA_DIR")));
        try (Connection c = DriverManager.getConnection(url, EmbeddedMariaDb.username(), password)) {
            switch (args[0]) {
                case "sql" -> {
                    try (Statement st = c.createStatement()) {
                        for (int i = 3; i < args.length; i++) {
                            System.out.println("SQL: " + st.executeUpdate(args[i]) + " row(s): " + args[i]);
                        }
                    }
                }
                case "query" -> rows(c, args[3]).forEach(row -> System.out.println(String.join("|", row)));
                case "compare" -> System.exit(compare(c, args[3], null) ? 0 : 1);
                case "compare-except" -> System.exit(compare(c, args[3], Long.valueOf(args[4])) ? 0 : 1);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    private static boolean compare(Connection c, String remote, Long exceptPost) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Long, Long> postRemoteIds = new HashMap<>();
        Map<Long, List<String>> localPosts = new TreeMap<>();
        Long exceptRemoteId = null;
        for (List<String> row : rows(c, "SELECT id, remote_id, user_id, title, body FROM posts")) {
            if (exceptPost != null && Long.parseLong(row.get(0)) == exceptPost) {
                exceptRemoteId = row.get(1) == null ? null : Long.valueOf(row.get(1));
                if (exceptRemoteId != null) {
                    postRemoteIds.put(exceptPost, exceptRemoteId); // its comments are compared
                }
                continue;
            }
            if (row.get(1) == null) {
                problems.add("post " + row.get(0) + " has no remote id");
                continue;
            }
            postRemoteIds.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)));
            localPosts.put(Long.parseLong(row.get(1)), List.of(row.get(2), row.get(3), row.get(4)));
        }
        Map<Long, List<String>> localComments = new TreeMap<>();
        for (List<String> row : rows(c, "SELECT id, remote_id, post_id, name, email, body FROM comments")) {
            if (row.get(1) == null) {
                problems.add("comment " + row.get(0) + " has no remote id");
                continue;
            }
            Long postRemoteId = postRemoteIds.get(Long.parseLong(row.get(2)));
            localComments.put(Long.parseLong(row.get(1)), List.of(String.valueOf(postRemoteId), row.get(3), row.get(4),
                    row.get(5)));
        }
        Map<Long, List<String>> remotePosts = remote(remote + "/posts", "userId", "title", "body");
        Map<Long, List<String>> remoteComments = remote(remote + "/comments", "postId", "name", "email", "body");
        if (exceptRemoteId != null) {
            remotePosts.remove(exceptRemoteId);
        }
        diff("post", localPosts, remotePosts, problems);
        diff("comment", localComments, remoteComments, problems);
        String n = rows(c, "SELECT COUNT(*) FROM change_log").get(0).get(0);
        if (!n.equals("0")) {
            problems.add("change_log holds " + n + " rows, expected none");
        }
        String open = rows(c, "SELECT COUNT(*) FROM sync_failure WHERE requeued_at IS NULL"
                + (exceptPost == null ? "" : " AND NOT (entity = 'POST' AND entity_id = " + exceptPost + ")")).get(0).get(0);
        if (!open.equals("0")) {
            problems.add("sync_failure holds " + open + " open rows, expected none");
        }
        if (problems.isEmpty()) {
            System.out.println("OK: the remote holds exactly the database's " + localPosts.size() + " posts and "
                    + localComments.size() + " comments" + (exceptPost == null ? "" : " (post " + exceptPost + " left out)")
                    + ", field for field through their remote ids; change_log is empty, no other sync failure is open");
            return true;
        }
        problems.stream().limit(30).forEach(p -> System.out.println("MISMATCH: " + p));
        return false;
    }

    private static void diff(String kind, Map<Long, List<String>> local, Map<Long, List<String>> remote,
                             List<String> problems) {
        for (Map.Entry<Long, List<String>> e : local.entrySet()) {
            List<String> theirs = remote.get(e.getKey());
            if (theirs == null) {
                problems.add(kind + " with remote id " + e.getKey() + " is missing on the remote: " + e.getValue());
            } else if (!theirs.equals(e.getValue())) {
                problems.add(kind + " " + e.getKey() + ": database " + e.getValue() + ", remote " + theirs);
            }
        }
        for (Long id : remote.keySet()) {
            if (!local.containsKey(id)) {
                problems.add(kind + " " + id + " is on the remote but not in the database: " + remote.get(id));
            }
        }
    }

    private static Map<Long, List<String>> remote(String url, String... fields) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        Map<Long, List<String>> records = new TreeMap<>();
        for (JsonNode record : JSON.readTree(response.body())) {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                JsonNode value = record.get(field);
                row.add(value == null || value.isNull() ? null
                        : value.isNumber() ? String.valueOf(value.longValue()) : value.asString());
            }
            records.put(record.get("id").longValue(), row);
        }
        return records;
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
