package dev.jpsync.api.security;

/** What a user may do beyond reading posts and comments. */
public enum Role {
    /** create, update and delete posts and comments */
    EDITOR,
    /** job control, sync failures, actuator endpoints other than health */
    OPERATOR
}
