package dev.ledgerbridge.testkit;

import dev.ledgerbridge.simulate.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A tiny SOAP endpoint for testing the fake Web Connector: canned replies per operation, every request recorded. */
final class ScriptedSoapServer implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY every call waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A request as the server saw it; params in document order with their namespace URIs. */
    record Received(String operation, String method, Map<String, List<String>> headers, String body,
                    Map<String, String> params, Map<String, String> paramNamespaces) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String param(String name) {
            return params.get(name);
        }
    }

    record Reply(int status, String contentType, byte[] body) {
        static Reply ok(String envelope) {
            return new Reply(200, "text/xml; charset=utf-8", envelope.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Reply>> queued = new HashMap<>();
    private final Map<String, Function<Received, Reply>> handlers = new HashMap<>();

    ScriptedSoapServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/qbwc", this::serve);
        server.start();
        // sensible defaults: a run that has nothing to do
        on("serverVersion", r -> Reply.ok(stringResult("serverVersion", "scripted 1.0")));
        on("clientVersion", r -> Reply.ok(stringResult("clientVersion", "")));
        on("authenticate", r -> Reply.ok(arrayResult("authenticate", "ticket-1", "none")));
        on("getLastError", r -> Reply.ok(stringResult("getLastError", "scripted error")));
        on("closeConnection", r -> Reply.ok(stringResult("closeConnection", "OK")));
        on("connectionError", r -> Reply.ok(stringResult("connectionError", "done")));
        on("sendRequestXML", r -> Reply.ok(stringResult("sendRequestXML", "")));
        on("receiveResponseXML", r -> Reply.ok(intResult("receiveResponseXML", 100)));
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/qbwc");
    }

    /** The default reply for an operation, used when nothing is queued. */
    ScriptedSoapServer on(String operation, Function<Received, Reply> handler) {
        handlers.put(operation, handler);
        return this;
    }

    /** Replies used once each, in order, before the default. */
    synchronized ScriptedSoapServer queue(String operation, Reply... replies) {
        Deque<Reply> q = queued.computeIfAbsent(operation, k -> new ArrayDeque<>());
        for (Reply r : replies) {
            q.add(r);
        }
        return this;
    }

    ScriptedSoapServer queueBody(String operation, String... envelopes) {
        for (String e : envelopes) {
            queue(operation, Reply.ok(e));
        }
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> operations() {
        return received().stream().map(Received::operation).toList();
    }

    List<Received> received(String operation) {
        return received().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Received r = parse(ex, body);
            received.add(r);
            Reply reply;
            synchronized (this) {
                Deque<Reply> q = queued.get(r.operation());
                reply = q != null && !q.isEmpty() ? q.poll() : null;
            }
            if (reply == null) {
                Function<Received, Reply> h = handlers.get(r.operation());
                reply = h != null ? h.apply(r)
                        : new Reply(500, "text/plain", ("no script for " + r.operation()).getBytes(StandardCharsets.UTF_8));
            }
            if (reply.contentType() != null) {
                ex.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (RuntimeException e) {
            byte[] msg = e.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, msg.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(msg);
            }
        }
    }

    private static Received parse(HttpExchange ex, String body) {
        String op = "?";
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> namespaces = new LinkedHashMap<>();
        try {
            Document doc = Xml.parse(body);
            Element bodyEl = Xml.child(doc.getDocumentElement(), "Body");
            Element opEl = Xml.elements(bodyEl).get(0);
            op = opEl.getLocalName();
            for (Element p : Xml.elements(opEl)) {
                params.put(p.getLocalName(), p.getTextContent());
                namespaces.put(p.getLocalName(), p.getNamespaceURI());
            }
        } catch (Exception e) {
            op = "unparseable";
        }
        return new Received(op, ex.getRequestMethod(), Map.copyOf(ex.getRequestHeaders()), body, params, namespaces);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- canned envelopes ----

    static String envelope(String inner) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<soap:Body>" + inner + "</soap:Body></soap:Envelope>";
    }

    static String stringResult(String op, String value) {
        return envelope("<" + op + "Response xmlns=\"http://developer.intuit.com/\"><" + op + "Result>"
                + Xml.escapeText(value) + "</" + op + "Result></" + op + "Response>");
    }

    static String intResult(String op, int value) {
        return stringResult(op, Integer.toString(value));
    }

    static String arrayResult(String op, String... items) {
        StringBuilder b = new StringBuilder();
        for (String i : items) {
            b.append("<string>").append(Xml.escapeText(i)).append("</string>");
        }
        return envelope("<" + op + "Response xmlns=\"http://developer.intuit.com/\"><" + op + "Result>" + b + "</" + op
                + "Result></" + op + "Response>");
    }

    static String fault(String message) {
        return envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>" + Xml.escapeText(message)
                + "</faultstring></soap:Fault>");
    }
}
