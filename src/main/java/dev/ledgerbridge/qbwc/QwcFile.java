package dev.ledgerbridge.qbwc;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.QbwcLogin;
import java.io.StringWriter;
import java.net.URI;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The .qwc file a QuickBooks user opens in the Web Connector (QBWC.md §4). The Web Connector refuses plain
 * http except for localhost and any IP-address host, so such URLs are refused here with the reason.
 */
public final class QwcFile {
    private QwcFile() {
    }

    /**
     * @param baseUrl the server's URL as the Web Connector reaches it (e.g. https://qb.example.com); a URL that
     *                already ends in /qbwc is taken as the endpoint itself
     */
    public static String render(QbwcLogin login, Company company, String baseUrl, String appName, int runEveryMinutes) {
        URI endpoint = endpoint(baseUrl);
        URI support = endpoint.resolve("support");
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("utf-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("QBWCXML");
            element(w, "AppName", appName + " - " + company.name());
            element(w, "AppID", "");
            element(w, "AppURL", endpoint.toString());
            element(w, "AppDescription", "Syncs customers and invoices with " + appName);
            element(w, "AppSupport", support.toString());
            element(w, "UserName", login.username());
            element(w, "OwnerID", QbwcService.OWNER_ID);
            element(w, "FileID", login.fileId());
            element(w, "QBType", "QBFS");
            w.writeCharacters("\n  ");
            w.writeStartElement("Scheduler");
            element(w, "RunEveryNMinutes", Integer.toString(runEveryMinutes), "\n    ");
            w.writeCharacters("\n  ");
            w.writeEndElement();
            element(w, "IsReadOnly", "false");
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The SOAP endpoint URL for a base URL, or IllegalArgumentException saying why the Web Connector would refuse it. */
    public static URI endpoint(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("'" + baseUrl + "' must be an http(s) URL such as https://qb.example.com");
        }
        if (isIpAddress(host)) {
            throw new IllegalArgumentException("the Web Connector refuses IP addresses in AppURL; use a host name"
                    + " (for this machine: localhost) instead of " + host);
        }
        if (scheme.equals("http") && !host.equalsIgnoreCase("localhost")) {
            throw new IllegalArgumentException("the Web Connector accepts plain http only for localhost; use https://"
                    + host + " (see the README's HTTPS section)");
        }
        return endpointUnchecked(baseUrl);
    }

    /** The SOAP endpoint URL for a base URL (…/qbwc), whether or not the Web Connector would accept it. */
    public static URI endpointUnchecked(String baseUrl) {
        URI uri = URI.create(baseUrl.trim());
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.endsWith("/qbwc")) {
            path = path + "/qbwc";
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** Whether a URL's host is an IPv4 or IPv6 address rather than a name (the Web Connector refuses those). */
    public static boolean isIpAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
    }

    private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        element(w, name, value, "\n  ");
    }

    private static void element(XMLStreamWriter w, String name, String value, String indent) throws XMLStreamException {
        w.writeCharacters(indent);
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
