package dev.jpsync.jobs.exportjob;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSONPlaceholder-shaped remote on loopback that really keeps what it is sent (POST assigns a new id,
 * PUT replaces, DELETE removes; 404 for an unknown id; GET of a collection filters by every query parameter,
 * as json-server does, in id order as JSONPlaceholder lists), optionally answering every call after a fixed delay, and optionally storing a
 * write at once but answering it only after a further delay (a slow remote that a killed client leaves with
 * records whose ids it never learnt). For tests that compare the remote's end state with the database, and
 * for the benchmark.
 */
public final class InMemoryRemote implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add ~40 ms to every call, which would measure the stub instead of the export
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final long delayMillis;
    private final Map<String, Map<Long, ObjectNode>> collections = Map.of(
            "posts", new ConcurrentHashMap<>(), "comments", new ConcurrentHashMap<>());
    private final AtomicLong nextId = new AtomicLong(100_000);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    private final long answerWritesAfterMillis;

    public InMemoryRemote(long delayMillis) throws IOException {
        this(delayMillis, 0);
    }

    /** One for a test class's static field: an I/O error starting it fails the class. */
    public static InMemoryRemote forTestClass(long delayMillis) {
        try {
            return new InMemoryRemote(delayMillis);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @param answerWritesAfterMillis how long a write is answered after it was carried out */
    public InMemoryRemote(long delayMillis, long answerWritesAfterMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.answerWritesAfterMillis = answerWritesAfterMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Map<Long, ObjectNode> posts() {
        return collections.get("posts");
    }

    public Map<Long, ObjectNode> comments() {
        return collections.get("comments");
    }

    public long calls() {
        return calls.get();
    }

    /** The most calls this remote had under way at once since it started or {@link #countInFlightFromNow()}. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** Starts {@link #mostInFlight()} again from the calls under way now. */
    public void countInFlightFromNow() {
        mostInFlight.set(inFlight.get());
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            Map<Long, ObjectNode> records = path.length > 1 ? collections.get(path[1]) : null;
            if (records == null) {
                answer(exchange, 404, "{}");
                return;
            }
            String method = exchange.getRequestMethod();
            if (path.length == 2 && method.equals("GET")) {
                answer(exchange, 200, json.writeValueAsString(filtered(records, exchange.getRequestURI().getRawQuery())));
                return;
            }
            if (path.length == 2 && method.equals("POST")) {
                ObjectNode body = (ObjectNode) json.readTree(exchange.getRequestBody());
                long id = nextId.incrementAndGet();
                body.put("id", id);
                records.put(id, body);
                answerWrite(exchange, 201, json.writeValueAsString(body));
                return;
            }
            long id = path.length == 3 ? Long.parseLong(path[2]) : -1;
            switch (method) {
                case "PUT" -> {
                    ObjectNode body = (ObjectNode) json.readTree(exchange.getRequestBody());
                    body.put("id", id);
                    boolean known = records.computeIfPresent(id, (k, old) -> body) != null;
                    answerWrite(exchange, known ? 200 : 404, known ? json.writeValueAsString(body) : "{}");
                }
                case "DELETE" -> answerWrite(exchange, records.remove(id) != null ? 200 : 404, "{}");
                default -> answer(exchange, 405, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            answer(exchange, 400, "{\"error\": \"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** The records equal to every {@code field=value} of the query (compared as text), lowest id first. */
    private static java.util.List<ObjectNode> filtered(Map<Long, ObjectNode> records, String rawQuery) {
        Map<String, String> wanted = new java.util.HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                wanted.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return records.values().stream()
                .filter(r -> wanted.entrySet().stream().allMatch(w -> w.getKey().startsWith("_")
                        || r.has(w.getKey()) && r.get(w.getKey()).asString().equals(w.getValue())))
                .sorted(java.util.Comparator.comparingLong(r -> r.get("id").asLong()))
                .toList();
    }

    private void answerWrite(HttpExchange exchange, int status, String body) throws IOException, InterruptedException {
        if (answerWritesAfterMillis > 0) {
            Thread.sleep(answerWritesAfterMillis);
        }
        answer(exchange, status, body);
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        // no longer under way before the client can see the answer, so that its next call never counts twice
        inFlight.decrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
