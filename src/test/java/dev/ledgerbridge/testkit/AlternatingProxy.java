package dev.ledgerbridge.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A load balancer without sticky sessions, for tests of several server instances: every HTTP request goes to the
 * next instance in turn (so every SOAP call of a Web Connector session reaches another instance than the one
 * before). {@code beforeCall} runs with the number of the call (1, 2, ...) before it is forwarded, for a test to
 * break something at a chosen moment.
 */
public final class AlternatingProxy implements AutoCloseable {
    private final HttpServer server;
    private final List<URI> targets;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntConsumer beforeCall = n -> { };

    public AlternatingProxy(List<URI> targets) {
        this.targets = targets;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            int n = calls.incrementAndGet();
            try (exchange) {
                beforeCall.accept(n);
                URI base = targets.get((n - 1) % targets.size());
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(exchange.getRequestURI().toString()))
                        .timeout(Duration.ofMinutes(2))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String h : List.of("Content-Type", "SOAPAction")) {
                    String v = exchange.getRequestHeaders().getFirst(h);
                    if (v != null) {
                        req.header(h, v);
                    }
                }
                HttpResponse<byte[]> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                resp.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                exchange.sendResponseHeaders(resp.statusCode(), resp.body().length == 0 ? -1 : resp.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(resp.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        server.start();
    }

    /** The proxy's URL for a path such as /qbwc. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void beforeCall(IntConsumer hook) {
        this.beforeCall = hook;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
