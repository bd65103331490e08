package dev.ledgerbridge.simulate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One HTTP exchange with the server: the raw status, headers and body, plus the result read the way the Web
 * Connector's .NET SOAP client reads it. The {@code result*} methods apply QBWC's checks and throw
 * {@link QbwcClientError} where QBWC would abort; the raw accessors never throw.
 */
public class SoapReply {

    public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    public static final String INTUIT_NS = "http://developer.intuit.com/";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    private final String operation;
    private final String requestEnvelope;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] bytes;
    private Element result;

    /** A copy of another reply. */
    protected SoapReply(SoapReply other) {
        this.operation = other.operation;
        this.requestEnvelope = other.requestEnvelope;
        this.status = other.status;
        this.headers = other.headers;
        this.bytes = other.bytes;
        this.result = other.result;
    }

    SoapReply(String operation, String requestEnvelope, int status, Map<String, List<String>> headers, byte[] bytes) {
        this.operation = operation;
        this.requestEnvelope = requestEnvelope;
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = Collections.unmodifiableMap(h);
        this.bytes = bytes.clone();
    }

    public String operation() {
        return operation;
    }

    /** The envelope that was posted. */
    public String requestEnvelope() {
        return requestEnvelope;
    }

    public int status() {
        return status;
    }

    /** Response headers, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The body decoded with the charset of the Content-Type (UTF-8 when none is given). */
    public String body() {
        Charset cs = StandardCharsets.UTF_8;
        Matcher m = CHARSET.matcher(header("Content-Type").orElse(""));
        if (m.find()) {
            try {
                cs = Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                // keep UTF-8; the content-type check reports the problem
            }
        }
        return new String(bytes, cs);
    }

    /** Whether the body holds a SOAP 1.1 Fault (read leniently). */
    public boolean isFault() {
        return faultString().isPresent();
    }

    /** The faultstring of a SOAP Fault in the body, if there is one. */
    public Optional<String> faultString() {
        try {
            Document doc = Xml.parse(body());
            Element body = childNs(doc.getDocumentElement(), SOAP_NS, "Body");
            Element first = body == null ? null : firstElement(body);
            if (first != null && SOAP_NS.equals(first.getNamespaceURI()) && "Fault".equals(first.getLocalName())) {
                Element fs = Xml.child(first, "faultstring");
                return Optional.of(fs == null ? "" : fs.getTextContent());
            }
        } catch (SAXException | RuntimeException e) {
            // not a fault we can read
        }
        return Optional.empty();
    }

    /** A string result ({@code <op>Result}); null when the server sent xsi:nil. */
    public String resultText() {
        Element r = result();
        if (isNil(r)) {
            return null;
        }
        if (firstElement(r) != null) {
            throw fail("the " + operation + "Result element holds element content <" + firstElement(r).getTagName()
                    + ">, not a string");
        }
        return r.getTextContent();
    }

    /** An ArrayOfString result, read by position; every item must be {http://developer.intuit.com/}string. */
    public List<String> resultArray() {
        Element r = result();
        List<String> out = new ArrayList<>();
        for (Element item : Xml.elements(r)) {
            if (!INTUIT_NS.equals(item.getNamespaceURI()) || !"string".equals(item.getLocalName())) {
                throw fail("Index was outside the bounds of the array: the " + operation + "Result item <"
                        + item.getTagName() + "> is in namespace '" + Optional.ofNullable(item.getNamespaceURI()).orElse("")
                        + "', not {" + INTUIT_NS + "}string, so QBWC does not see it");
            }
            out.add(isNil(item) ? null : item.getTextContent());
        }
        return Collections.unmodifiableList(out);
    }

    /** An int result (receiveResponseXML). */
    public int resultInt() {
        String text = resultText();
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw fail("the " + operation + "Result '" + text + "' is not an int");
        }
    }

    /** Applies every check QBWC makes on the reply and returns the {@code <op>Result} element. */
    Element result() {
        if (result != null) {
            return result;
        }
        if (status != 200) {
            throw fail("the server answered HTTP " + status
                    + faultString().map(f -> " with SOAP Fault '" + f + "'").orElse(""));
        }
        String contentType = header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/xml")) {
            throw fail("Client found response content type of '" + contentType + "', but expected 'text/xml'");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw fail("Response is not well-formed XML: a UTF-8 byte order mark precedes the envelope");
        }
        String text = body();
        if (!text.startsWith("<")) {
            throw fail("Response is not well-formed XML: bytes before the envelope: '"
                    + text.substring(0, Math.min(text.length(), 40)) + "'");
        }
        Document doc;
        try {
            doc = Xml.parse(text);
        } catch (SAXException e) {
            throw fail("Response is not well-formed XML: " + e.getMessage());
        }
        Element env = doc.getDocumentElement();
        if (SOAP12_NS.equals(env.getNamespaceURI())) {
            throw fail("the reply is a SOAP 1.2 envelope; the Web Connector speaks SOAP 1.1");
        }
        if (!SOAP_NS.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw fail("the reply's root is <" + env.getTagName() + ">, not a SOAP 1.1 Envelope");
        }
        checkNothingAround(text, env.getTagName());
        Element body = childNs(env, SOAP_NS, "Body");
        if (body == null) {
            throw fail("the envelope has no soap Body");
        }
        Element first = firstElement(body);
        if (first == null) {
            throw fail("the soap Body is empty");
        }
        if (SOAP_NS.equals(first.getNamespaceURI()) && "Fault".equals(first.getLocalName())) {
            Element fs = Xml.child(first, "faultstring");
            throw fail("SOAP Fault: " + (fs == null ? "(no faultstring)" : fs.getTextContent()));
        }
        if (!INTUIT_NS.equals(first.getNamespaceURI()) || !(operation + "Response").equals(first.getLocalName())) {
            throw fail("expected {" + INTUIT_NS + "}" + operation + "Response, got {"
                    + Optional.ofNullable(first.getNamespaceURI()).orElse("") + "}" + first.getLocalName());
        }
        Element r = childNs(first, INTUIT_NS, operation + "Result");
        if (r == null) {
            throw fail("the reply has no {" + INTUIT_NS + "}" + operation + "Result element");
        }
        result = r;
        return r;
    }

    /** After an optional XML declaration the body starts with the Envelope and ends right after it (plus whitespace). */
    private void checkNothingAround(String text, String envelopeTag) {
        int i = 0;
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            i = end + 2;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
        String open = "<" + envelopeTag;
        boolean startsRight = text.startsWith(open, i) && text.length() > i + open.length()
                && (Character.isWhitespace(text.charAt(i + open.length())) || text.charAt(i + open.length()) == '>');
        if (!startsRight) {
            String before = text.substring(0, Math.min(text.length(), i + 40));
            throw fail("Response is not well-formed XML: bytes before the envelope: '" + before + "'");
        }
        Matcher end = Pattern.compile("</" + Pattern.quote(envelopeTag) + "\\s*>(\\s*)\\z").matcher(text);
        if (!end.find()) {
            String tail = text.substring(Math.max(0, text.length() - 60));
            throw fail("Response is not well-formed XML: bytes after the envelope: '" + tail + "'");
        }
    }

    private QbwcClientError fail(String message) {
        return new QbwcClientError(QbwcClientError.codeFor(operation), operation, message);
    }

    private static boolean isNil(Element e) {
        String nil = e.getAttributeNS(XSI_NS, "nil");
        return "true".equals(nil) || "1".equals(nil);
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) n;
            }
        }
        return null;
    }

    private static Element childNs(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Element e : Xml.elements(parent)) {
            if (ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SoapReply[" + operation + " HTTP " + status + ", " + bytes.length + " bytes]";
    }
}
