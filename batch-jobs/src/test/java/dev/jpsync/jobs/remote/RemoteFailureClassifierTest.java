package dev.jpsync.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

/** The one judge of the remote's failures, for the import and the export alike. Pure. */
class RemoteFailureClassifierTest {

    @Test
    void the408IsTransientForBothJobsLikeThe5xxAnd429() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(RemoteFailureClassifier.isTransientStatus(status)).as("HTTP %d", status).isTrue();
            assertThat(RemoteFailureClassifier.isTransient(new RemoteResponseException("GET", "u", status, null, null)))
                    .as("HTTP %d", status).isTrue();
        }
        for (int status : new int[] {400, 404, 409, 422}) {
            assertThat(RemoteFailureClassifier.isTransientStatus(status)).as("HTTP %d", status).isFalse();
        }
    }

    @Test
    void aWriteMayHaveBeenCarriedOutUnlessTheAnswerOrTheConnectionSaysItWasNot() {
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(500)).isTrue();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(504)).isTrue();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(503)).isFalse();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(429)).isFalse();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(408)).isFalse();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(
                new ResourceAccessException("I/O error", new HttpTimeoutException("request timed out")))).isTrue();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(
                new ResourceAccessException("I/O error", new SocketException("Connection reset")))).isTrue();
        assertThat(RemoteFailureClassifier.mayHaveBeenProcessed(
                new ResourceAccessException("I/O error", new ConnectException("Connection refused")))).isFalse();
    }
}
