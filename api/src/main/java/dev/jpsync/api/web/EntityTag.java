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

    /** Looked up once; each tag digests with a copy of it (a provider lookup per tag cost more than the hash). */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private EntityTag() {
    }

    /** SHA-256 over each field's text and a zero byte after it, in one update; base64url, 22 characters. */
    public static String of(Object... fields) {
        StringBuilder text = new StringBuilder(256);
        for (Object field : fields) {
            text.append(field).append('\0');
        }
        byte[] digest = sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
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
