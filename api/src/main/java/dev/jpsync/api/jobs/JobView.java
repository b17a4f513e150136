package dev.jpsync.api.jobs;

/** A job this service can run, with its newest execution (null when it never ran). */
public record JobView(String name, boolean restartable, ExecutionView lastExecution) {
}
