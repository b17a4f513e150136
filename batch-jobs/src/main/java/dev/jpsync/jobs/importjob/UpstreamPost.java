package dev.jpsync.jobs.importjob;

import java.io.Serializable;

/**
 * A valid post as the remote has it: its id there ({@code remoteId}), the rest as the columns hold it.
 * Serializable: a post waiting to be relocated rides in the step's ExecutionContext ({@link Relocations}).
 */
public record UpstreamPost(long remoteId, long userId, String title, String body) implements Serializable {
}
