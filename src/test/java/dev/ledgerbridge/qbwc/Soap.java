package dev.ledgerbridge.qbwc;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Posts SOAP 1.1 envelopes shaped exactly like the real Web Connector's (QBWC.md §3) and parses the reply. */
final class Soap {
    static final String NS = "http://developer.intuit.com/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Reply(int status, String contentType, String body, Document doc) {
        /** Text of the first element with this local name in the Intuit namespace, or null. */
        String result(String localName) {
            NodeList n = doc.getElementsByTagNameNS(NS, localName);
            return n.getLength() == 0 ? null : n.item(0).getTextContent();
        }

        /** The {http://developer.intuit.com/}string items of authenticateResult, in order. */
        List<String> strings() {
            List<String> out = new ArrayList<>();
            NodeList n = doc.getElementsByTagNameNS(NS, "string");
            for (int i = 0; i < n.getLength(); i++) {
                out.add(n.item(i).getTextContent());
            }
            return out;
        }

        int unqualifiedStrings() {
            return doc.getElementsByTagNameNS("", "string").getLength();
        }

        boolean fault() {
            return doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Fault").getLength() > 0;
        }
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Reply call(URI endpoint, String operation, Map<String, String> params) throws Exception {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope"
                + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>");
        if (params.isEmpty()) {
            body.append('<').append(operation).append(" xmlns=\"").append(NS).append("\" />");
        } else {
            body.append('<').append(operation).append(" xmlns=\"").append(NS).append("\">");
            params.forEach((k, v) -> body.append('<').append(k).append('>').append(escape(v)).append("</").append(k)
                    .append('>'));
            body.append("</").append(operation).append('>');
        }
        body.append("</soap:Body></soap:Envelope>");
        HttpRequest req = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + NS + operation + "\"")
                .header("User-Agent", "Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.8825)")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(""), resp.body(),
                parse(resp.body()));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static Element first(Document d, String ns, String local) {
        return (Element) d.getElementsByTagNameNS(ns, local).item(0);
    }
}
