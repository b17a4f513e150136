package dev.jpsync.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.jpsync.api.problems.StaleEntityTagException;

/**
 * Strong ETags computed from a record's public fields, so that the tag changes exactly when what a client
 * sees changes (and stays equal across restarts and for a PUT that changes nothing).
 */
public final class EntityTag {

    private EntityTag() {
    }

    public static String of(Object... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object field : fields) {
                sha.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            byte[] digest = sha.digest();
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Checks an If-Match header (null = no condition) against the current tag; {@code *} matches any existing
     * record. Weak tags never match (RFC 9110 uses the strong comparison for If-Match).
     */
    public static void checkIfMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new StaleEntityTagException(ifMatch.trim(), current);
    }
}
