package dev.jpsync.jobs.remote;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.web.client.ResourceAccessException;

import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Tells failures worth another attempt (the remote or the network may recover) from those that will fail
 * the same way again.
 * <p>
 * Transient: connection errors and timeouts (also when Jackson or Spring wrap them), a body that ends before
 * the JSON does (a dropped transfer), and the statuses 5xx and 429. Everything else, in particular other 4xx
 * and JSON that is malformed rather than cut short, is permanent.
 */
public final class RemoteFailureClassifier {

    private RemoteFailureClassifier() {
    }

    public static boolean isTransient(Throwable failure) {
        if (failure instanceof RemoteResponseException response) {
            return isTransientStatus(response.status());
        }
        return failure instanceof IOException
                || failure instanceof UncheckedIOException
                || failure instanceof ResourceAccessException
                || failure instanceof JacksonIOException
                || failure instanceof UnexpectedEndOfInputException;
    }

    public static boolean isTransientStatus(int status) {
        return status >= 500 || status == 429;
    }
}
