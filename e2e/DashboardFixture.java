import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Test fixtures for e2e/tests/70-dashboard-browser.sh, run as a single-file program on the service jar's own
 * libraries (so no other tool is needed):
 * <ul>
 * <li>{@code bcrypt PASSWORD}: prints {@code {bcrypt}<hash>} for {@code sync.security.users[0].password-hash};</li>
 * <li>{@code refused-change JDBC_URL PASSWORD_FILE}: records one change the remote refused, as the export does,
 * so the dashboard has a failure to re-queue without depending on how a peer answers; prints its id. The
 * embedded database's root password is read from PASSWORD_FILE (jpsync-root-password in its data directory).</li>
 * </ul>
 */
public class DashboardFixture {

    public static void main(String[] args) throws Exception {
        switch (args.length >= 2 ? args[0] : "") {
            case "bcrypt" -> System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(args[1]));
            case "refused-change" -> System.out.println(recordRefusedChange(args[1],
                    Files.readString(Path.of(args[2])).strip()));
            default -> {
                System.err.println("usage: DashboardFixture bcrypt PASSWORD | refused-change JDBC_URL PASSWORD_FILE");
                System.exit(2);
            }
        }
    }

    private static long recordRefusedChange(String url, String password) throws Exception {
        try (Connection db = DriverManager.getConnection(url, "root", password)) {
            // an existing post's current state, as the export would have sent it
            long postId;
            String payload;
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("""
                         SELECT id, JSON_OBJECT('userId', user_id, 'id', id, 'title', title, 'body', body,
                                                'remoteId', remote_id)
                         FROM posts ORDER BY id LIMIT 1""")) {
                if (!r.next()) {
                    throw new IllegalStateException("no post in the database: did the import run?");
                }
                postId = r.getLong(1);
                payload = r.getString(2);
            }
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO sync_failure (entity, entity_id, op, payload, http_method, url, http_status,
                                              response_snippet, reason, attempts)
                    VALUES ('POST', ?, 'UPDATE', ?, 'PUT', ?, 422, '{"error":"title is reserved"}',
                            'the remote refused the change: 422 Unprocessable Entity', 1)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, postId);
                insert.setString(2, payload);
                insert.setString(3, "/posts/" + postId);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }
}
