package dev.jpsync.domain;

import java.util.List;

/**
 * What a valid post or comment is, for every writer that takes records from outside: the API's request bodies
 * and the import's upstream records check the same fields against the same rules, so that whatever one accepts
 * the other accepts too. Lengths are the columns' (V1), counted in characters (code points) as the database
 * counts them. How a value arrives (its JSON type, whether a field may be absent) is the reader's business.
 */
public enum FieldRule {

    USER_ID("userId", Kind.ID, 0),
    POST_ID("postId", Kind.ID, 0),
    TITLE("title", Kind.TEXT, FieldRule.TEXT_MAX),
    NAME("name", Kind.TEXT, FieldRule.TEXT_MAX),
    EMAIL("email", Kind.EMAIL, FieldRule.TEXT_MAX),
    BODY("body", Kind.TEXT, FieldRule.BODY_MAX);

    /** {@code posts.title}, {@code comments.name}, {@code comments.email}: VARCHAR(255). */
    public static final int TEXT_MAX = 255;
    /** {@code posts.body}, {@code comments.body}: VARCHAR(10000). */
    public static final int BODY_MAX = 10_000;

    /** A post's fields, all required (in JSONPlaceholder's names). */
    public static final List<FieldRule> POST = List.of(USER_ID, TITLE, BODY);
    /** A comment's fields, all required. */
    public static final List<FieldRule> COMMENT = List.of(POST_ID, NAME, EMAIL, BODY);

    private enum Kind { ID, TEXT, EMAIL }

    private final String field;
    private final Kind kind;
    private final int maxLength;

    FieldRule(String field, Kind kind, int maxLength) {
        this.field = field;
        this.kind = kind;
        this.maxLength = maxLength;
    }

    /** The field's name in JSON bodies, e.g. {@code userId}. */
    public String field() {
        return field;
    }

    public boolean isId() {
        return kind == Kind.ID;
    }

    /** What is wrong with an id value, or null when it is valid. */
    public String problem(long id) {
        return id < 1 ? "must be at least 1" : null;
    }

    /** What is wrong with a text value, or null when it is valid. */
    public String problem(String text) {
        if (text.isBlank()) {
            return "must not be blank";
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        if (kind == Kind.EMAIL && !isEmailAddress(text)) {
            return "must be an email address such as Eliseo@gardner.biz";
        }
        return null;
    }

    /**
     * Pragmatic: something before one {@code @}, no whitespace, and a domain of at least two non-empty labels
     * separated by dots (every JSONPlaceholder address passes). Whitespace is what {@code \s} means in a Java regex:
     * space, tab, line feed, vertical tab, form feed, carriage return. Written out rather than as a regex, which
     * was 8% of the import's reading thread; FieldRuleTest checks it against the regex.
     */
    static boolean isEmailAddress(String text) {
        int at = -1;
        int lastDot = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at != -1) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            } else if (c == '.' && at != -1) {
                if (i == at + 1 || i == lastDot + 1) {
                    return false; // an empty label
                }
                lastDot = i;
            }
        }
        return at > 0 && lastDot > at && lastDot < text.length() - 1;
    }
}
