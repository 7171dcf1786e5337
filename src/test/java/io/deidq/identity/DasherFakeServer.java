package io.deidq.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DASHER as the tests need it, in-process on 127.0.0.1: {@code POST /api/v1/uid/{study}} accepts
 * one access token and answers every entity and item it is asked for (suid "S" + id, item suid
 * "I" + id, jitter -3, offsets such as -0800 as seed 000 shows), unless a test gives it other
 * answers; {@code POST /token} swaps one refresh token for the next pair. It counts and keeps what
 * it receives.
 */
final class DasherFakeServer implements AutoCloseable {

    /** What the uid endpoint answers to its n-th request (1-based), given the request's JSON. */
    interface Responder {
        Reply reply(int n, JsonNode request) throws Exception;
    }

    record Reply(int status, byte[] body) {
        static Reply json(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What one request to the uid endpoint brought. */
    record Received(String path, String authorization, String contentType, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger uidRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> tokenReceived = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Responder responder = (n, request) -> answer(request);
    private volatile String acceptedAccessToken;
    private volatile String acceptedRefreshToken;
    private volatile int tokenGeneration = 1;
    private volatile Integer tokenStatus;
    private volatile boolean holdAnswers;
    private volatile Runnable beforeRefreshAnswer = () -> { };

    DasherFakeServer(String accessToken, String refreshToken) throws IOException {
        acceptedAccessToken = accessToken;
        acceptedRefreshToken = refreshToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/uid/", this::uid);
        server.createContext("/token", this::token);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    void respond(Responder responder) {
        this.responder = responder;
    }

    /** From now on the uid endpoint keeps every request waiting until {@link #close()}: past any request timeout. */
    void holdAnswers() {
        holdAnswers = true;
    }

    /** The access token DASHER takes now; any other is answered 401. */
    void acceptOnly(String accessToken) {
        acceptedAccessToken = accessToken;
    }

    /** The access token the client holds expires: the uid endpoint answers 401 until a refresh gives it a new one. */
    void expireAccessToken() {
        acceptedAccessToken = "tok-expired-" + tokenGeneration;
    }

    /** Runs while the token endpoint handles a refresh, before it answers. */
    void beforeRefreshAnswer(Runnable action) {
        beforeRefreshAnswer = action;
    }

    /** The token endpoint answers this status (with no tokens) from now on. */
    void failRefreshWith(int status) {
        tokenStatus = status;
    }

    int uidRequests() {
        return uidRequests.get();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> tokenReceived() {
        return List.copyOf(tokenReceived);
    }

    /** Every answer the normal DASHER would give: each entity and item asked, in the order asked. */
    static Reply answer(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (JsonNode entity : request.get("identifiers")) {
            ObjectNode result = results.addObject()
                    .put("id", entity.get("id").asText())
                    .put("id_source", entity.get("id_source").asText())
                    .put("suid", "S" + entity.get("id").asText())
                    .put("jitter", -3)
                    .put("jittered_timestamp", "1961-07-24T00:00:00-0700");
            ArrayNode items = result.putArray("items");
            for (JsonNode item : entity.get("items")) {
                items.addObject()
                        .put("id", item.get("id").asText())
                        .put("id_source", item.get("id_source").asText())
                        .put("suid", "I" + item.get("id").asText())
                        .put("jitter", -3)
                        .put("jittered_timestamp", "2010-02-06T11:50:00-0800");
            }
        }
        return new Reply(200, answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void uid(HttpExchange exchange) throws IOException {
        try (exchange) {
            int n = uidRequests.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(exchange.getRequestURI().getPath(), authorization,
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if (holdAnswers) {
                released.await(60, TimeUnit.SECONDS);
                return;
            }
            if (!("Bearer " + acceptedAccessToken).equals(authorization)) {
                send(exchange, Reply.json(401, "{\"detail\": \"token expired\"}"));
                return;
            }
            send(exchange, responder.reply(n, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            e.printStackTrace();
            send(exchange, Reply.json(599, "{\"detail\": \"the fake server failed: " + e + "\"}"));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            tokenRequests.incrementAndGet();
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            tokenReceived.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Integer failure = tokenStatus;
            if (failure != null) {
                send(exchange, Reply.json(failure, "{\"detail\": \"refresh refused\"}"));
                return;
            }
            synchronized (this) {
                if (!body.path("refreshToken").asText().equals(acceptedRefreshToken)) {
                    send(exchange, Reply.json(401, "{\"detail\": \"unknown refresh token\"}"));
                    return;
                }
                beforeRefreshAnswer.run();
                tokenGeneration++;
                acceptedAccessToken = "tok-access-" + tokenGeneration;
                acceptedRefreshToken = "tok-refresh-" + tokenGeneration;
                send(exchange, Reply.json(200, JSON.createObjectNode().put("accessToken", acceptedAccessToken)
                        .put("refreshToken", acceptedRefreshToken).toString()));
            }
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
