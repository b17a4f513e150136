package dev.jpsync.jobs.importjob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import dev.jpsync.jobs.remote.RemoteExchange;
import dev.jpsync.jobs.remote.RemoteFailureClassifier;
import dev.jpsync.jobs.remote.RemoteResponseException;
import dev.jpsync.jobs.support.CauseChain;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams the elements of the JSON array that {@code GET path} answers, one {@link RemoteRecord} at a time;
 * only the current element is ever in memory.
 * <p>
 * Its position goes into the step's ExecutionContext at every commit: the elements handed out and, while the
 * ids came in ascending order (JSONPlaceholder and json-server answer in id order), the last id handed out. A
 * restart, and a retry after the connection broke mid-body, requests the array again and skips the elements up
 * to that id, so that reading continues after the last committed chunk even if the remote added or removed
 * records before it meanwhile; when the ids were not in order, it skips as many elements as were handed out.
 * Transient failures (see {@link RemoteFailureClassifier})
 * are retried with exponential backoff; the rest fail the step at once with a {@link RemoteReadException}.
 */
public class RemoteArrayReader implements ItemStreamReader<RemoteRecord> {

    private static final Logger log = LoggerFactory.getLogger(RemoteArrayReader.class);

    private final RestClient client;
    private final String path;
    private final String url;
    private final RemoteRecord.Elements elements;
    private final RetryTemplate retry;
    private final Duration maxRetryAfter;
    /** What the last refusal's {@code Retry-After} asked for, waited out before the next attempt. */
    private Duration retryAfter;
    private final int maxAttempts;
    private final String positionKey;
    private final String lastIdKey;

    /** What the retry template calls a read (it asks on every read). */
    private final String readName;
    /** One read, as the retry template runs it. */
    private final Retryable<RemoteRecord> nextRecord = new Retryable<>() {
        @Override
        public RemoteRecord execute() throws Throwable {
            return attempt();
        }

        @Override
        public String getName() {
            return readName;
        }
    };

    /** Between open and close: one step execution reads at a time. */
    private final AtomicBoolean open = new AtomicBoolean();
    private long position;
    /** The highest id handed out while all ids so far came in ascending order; null otherwise or before the first. */
    private Long lastId;
    private boolean inIdOrder;
    /** The element found while skipping to the resume point, to be handed out next. */
    private RemoteRecord found;
    private boolean exhausted;
    private ClientHttpResponse response;
    private JsonParser parser;
    private int attempt;

    /**
     * @param client  the remote client, base URL set
     * @param path    the collection, e.g. {@code /posts}
     * @param url     the full URL, for messages
     * @param maxRetryAfter the longest {@code Retry-After} waited for; a remote asking for more is taken as down
     * @param name    the key prefix in the ExecutionContext
     */
    public RemoteArrayReader(RestClient client, String path, String url, ObjectMapper mapper,
                             RetryPolicy retryPolicy, int maxAttempts, Duration maxRetryAfter, String name) {
        this.client = client;
        this.path = path;
        this.url = url;
        this.readName = "GET " + url;
        this.elements = new RemoteRecord.Elements(mapper.readerFor(JsonNode.class));
        this.retry = new RetryTemplate(retryPolicy);
        this.maxAttempts = maxAttempts;
        this.maxRetryAfter = maxRetryAfter;
        this.positionKey = positionKeys(name).get(0);
        this.lastIdKey = positionKeys(name).get(1);
    }

    /** The keys of the step's ExecutionContext in which the reader named {@code name} saves its position. */
    static List<String> positionKeys(String name) {
        return List.of(name + ".position", name + ".lastId");
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        if (!open.compareAndSet(false, true)) {
            throw new ItemStreamException("GET " + url + " is already being read by another step execution");
        }
        position = executionContext.getLong(positionKey, 0L);
        lastId = executionContext.containsKey(lastIdKey) ? executionContext.getLong(lastIdKey) : null;
        inIdOrder = position == 0 || lastId != null;
        found = null;
        exhausted = false;
        if (lastId != null) {
            log.info("Resuming GET {} after id {} (the last committed chunk)", url, lastId);
        } else if (position > 0) {
            log.info("Resuming GET {} after item {} (the last committed chunk; ids were not in order)", url, position);
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        executionContext.putLong(positionKey, position);
        if (inIdOrder && lastId != null) {
            executionContext.putLong(lastIdKey, lastId);
        } else {
            executionContext.remove(lastIdKey);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        disconnect();
        open.set(false);
    }

    @Override
    public RemoteRecord read() {
        if (exhausted) {
            return null;
        }
        attempt = 0;
        try {
            return retry.execute(nextRecord);
        } catch (RetryException e) {
            throw failure(e.getCause());
        }
    }

    private RemoteRecord attempt() throws IOException {
        attempt++;
        try {
            if (parser == null) {
                connect();
                if (exhausted) {
                    return null;
                }
            }
            return next();
        } catch (RuntimeException | IOException e) {
            disconnect();
            if (RemoteFailureClassifier.isTransient(e) && attempt < maxAttempts) {
                log.warn("GET {} failed at item {} (attempt {} of {}), retrying{}: {}", url, position, attempt,
                        maxAttempts, retryAfter == null ? "" : " after the " + retryAfter.toSeconds()
                                + " s its Retry-After asks for", e.toString());
                waitOutRetryAfter();
            }
            throw e;
        }
    }

    /** The remote's Retry-After, on top of the backoff the retry policy waits anyway. */
    private void waitOutRetryAfter() {
        Duration wait = retryAfter;
        retryAfter = null;
        if (wait != null && !wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void connect() throws IOException {
        response = client.get().uri(path).accept(MediaType.APPLICATION_JSON)
                .exchange((request, answer) -> answer, false);
        int status = response.getStatusCode().value();
        if (status >= 300) {
            String snippet = snippet(response);
            String statusText = response.getStatusText();
            Duration asked = RemoteExchange.retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
            disconnect();
            RemoteResponseException refused = new RemoteResponseException("GET", url, status, statusText, snippet);
            if (asked != null && RemoteFailureClassifier.isTransient(refused)) {
                if (asked.compareTo(maxRetryAfter) > 0) {
                    throw new RemoteReadException(refused.getMessage() + " (Retry-After " + asked.toSeconds()
                            + " s, longer than sync.remote.retry.max-retry-after: not retried)", refused);
                }
                retryAfter = asked;
            }
            throw refused;
        }
        parser = elements.parser(response.getBody());
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
            throw new RemoteReadException("GET " + url + " did not answer a JSON array (it starts with "
                    + (first == null ? "nothing" : first.asString()) + ")", null);
        }
        if (inIdOrder && lastId != null) {
            skipToIdAfter(lastId);
            return;
        }
        for (long skipped = 0; skipped < position; skipped++) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                // the remote holds fewer records than before: nothing left to read
                exhausted = true;
                disconnect();
                return;
            }
            parser.skipChildren();
        }
    }

    /** Skips the elements up to id {@code last}; the first one after it is kept in {@link #found}. */
    private void skipToIdAfter(long last) {
        long handedOut = position;
        for (long index = 0; ; index++) {
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                exhausted = true;
                disconnect();
                return;
            }
            RemoteRecord record = elements.read(index, parser);
            Long id = record.idOrNull();
            // an element without a usable id: before the resume point if it was among the elements handed out
            if (id == null ? index >= handedOut : id > last) {
                found = record;
                position = index;
                return;
            }
        }
    }

    private RemoteRecord next() {
        RemoteRecord record;
        if (found != null) {
            record = found;
            found = null;
        } else {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                exhausted = true;
                disconnect();
                return null;
            }
            record = elements.read(position, parser);
        }
        position++;
        Long id = record.idOrNull();
        if (inIdOrder && id != null) {
            if (lastId != null && id <= lastId) {
                inIdOrder = false; // from here on a restart counts elements
                lastId = null;
            } else {
                lastId = id;
            }
        }
        return record;
    }

    private RuntimeException failure(Throwable cause) {
        if (cause instanceof RemoteReadException readException) {
            return readException;
        }
        if (cause instanceof RemoteResponseException response && !RemoteFailureClassifier.isTransient(response)) {
            return new RemoteReadException(response.getMessage() + " (client error, not retried)", response);
        }
        if (cause instanceof StreamReadException malformed && !RemoteFailureClassifier.isTransient(malformed)) {
            TokenStreamLocation at = malformed.getLocation();
            return new RemoteReadException("GET " + url + " answered malformed JSON at item " + position
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + malformed.getOriginalMessage(), malformed);
        }
        if (RemoteFailureClassifier.isTransient(cause)) {
            String what = cause instanceof RemoteResponseException ? cause.getMessage() : "GET " + url + ": " + describe(cause);
            return new RemoteReadException(what + " (gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                    + ", at item " + position + ")", cause);
        }
        return new RemoteReadException("GET " + url + " failed at item " + position + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = CauseChain.root(cause);
        String message = cause == root ? message(cause)
                : message(cause) + " (" + root.getClass().getSimpleName() + ": " + message(root) + ")";
        return cause.getClass().getSimpleName() + ": " + message;
    }

    /** Jackson's messages end in a multi-line location; the item position says where. */
    private static String message(Throwable t) {
        return t instanceof JacksonException jackson ? jackson.getOriginalMessage() : String.valueOf(t.getMessage());
    }

    private static String snippet(ClientHttpResponse response) {
        try (InputStream body = response.getBody()) {
            String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
            return text.replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "";
        }
    }

    private void disconnect() {
        if (parser != null) {
            try {
                parser.close(); // closes the body stream too, so that closing the response does not drain it
            } catch (JacksonException e) {
                // closing after a failure: nothing to save
            }
            parser = null;
        }
        if (response != null) {
            response.close();
            response = null;
        }
    }
}
