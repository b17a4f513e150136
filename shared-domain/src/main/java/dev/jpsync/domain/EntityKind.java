package dev.jpsync.domain;

/** The kinds of record that are synced, as stored in {@code change_log.entity}. */
public enum EntityKind {
    POST("posts"),
    COMMENT("comments");

    private final String resource;

    EntityKind(String resource) {
        this.resource = resource;
    }

    /** The remote API's collection path segment, e.g. {@code posts}. */
    public String resource() {
        return resource;
    }
}
