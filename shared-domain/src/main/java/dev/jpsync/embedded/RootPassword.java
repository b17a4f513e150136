package dev.jpsync.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded server's {@code root} password, kept in {@value #FILE_NAME} in the data directory and readable by
 * its owner only (0600): whoever may read the data files may also log in, nobody else. Made up on first use.
 */
public final class RootPassword {

    public static final String FILE_NAME = "jpsync-root-password";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private RootPassword() {
    }

    /** The password file of a data directory. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The password kept for the data directory, or empty when none was made yet. */
    public static Optional<String> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded database password from " + file, e);
        }
    }

    /** The password kept for the data directory, made up and written (0600) if there is none yet. */
    public static String readOrCreate(Path dataDir) {
        Optional<String> existing = read(dataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        // URL-safe Base64: no quote or backslash, so it goes into SQL and shell commands as it is
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            writeOwnerOnly(file(dataDir), password + "\n");
        } catch (FileAlreadyExistsException raced) {
            return read(dataDir).orElseThrow(); // another process made it first: use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded database password to " + file(dataDir), e);
        }
        return password;
    }

    /**
     * Statements that give {@code root} this password for loopback logins (TCP from 127.0.0.1 and ::1, and the
     * socket) and drop the anonymous users {@code mysql_install_db} creates; one statement a line, idempotent, for
     * the server's {@code --init-file}, which runs them with all privileges before it accepts connections.
     */
    static List<String> credentialStatements(String password) {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("The embedded database password must be 16 or more characters "
                    + "of A-Z, a-z, 0-9, '_' and '-'");
        }
        return List.of(
                "DELETE FROM mysql.global_priv WHERE User = ''",
                "FLUSH PRIVILEGES",
                "CREATE USER IF NOT EXISTS 'root'@'localhost'",
                "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'",
                "CREATE USER IF NOT EXISTS 'root'@'::1'",
                "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + password + "'",
                "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                "ALTER USER 'root'@'::1' IDENTIFIED BY '" + password + "'",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'::1' WITH GRANT OPTION");
    }

    /** Creates the file (it must not exist) with 0600 from the start, so that it is never readable by others. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
