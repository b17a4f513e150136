package dev.jpsync.jobs.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

import org.springframework.web.client.ResourceAccessException;

import dev.jpsync.jobs.support.CauseChain;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * The one judge of the remote's failures, for the import and the export alike.
 * <p>
 * Transient (worth another attempt: the remote or the network may recover): connection errors and timeouts
 * (also when Jackson or Spring wrap them), a body that ends before the JSON does (a dropped transfer), and the
 * statuses 5xx, 408 and 429. Everything else, in particular other 4xx and JSON that is malformed rather than
 * cut short, is permanent.
 * <p>
 * Ambiguous (a write that may have been carried out although no answer says so): a failure after the request
 * could have reached the remote, that is anything but a refused or unreachable connection, and a 5xx other
 * than 503. A 503, 408 or 429 says the request was not processed.
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
        return status >= 500 || status == 429 || status == 408;
    }

    /** Whether a request answered with this (transient) status may still have been carried out. */
    public static boolean mayHaveBeenProcessed(int status) {
        return status >= 500 && status != 503;
    }

    /** Whether a request that failed with this exception (no answer) may still have reached the remote. */
    public static boolean mayHaveBeenProcessed(Throwable failure) {
        for (Throwable t : CauseChain.of(failure)) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return false;
            }
        }
        return true;
    }
}
