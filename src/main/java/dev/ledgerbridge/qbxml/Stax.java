package dev.ledgerbridge.qbxml;

import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared StAX plumbing of the qbXML readers: a factory that refuses DTDs and external entities, and
 * cursor helpers with one invariant — a method that handles an element leaves the cursor on its END_ELEMENT.
 */
final class Stax {

    private static final XMLInputFactory FACTORY = newFactory();
    /** Woodstox (on the classpath through CXF) would otherwise report errors in text lazily, as unchecked ones. */
    private static final String WOODSTOX_LAZY_PARSING = "com.ctc.wstx.lazyParsing";
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

    private Stax() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        if (f.isPropertySupported(WOODSTOX_LAZY_PARSING)) {
            f.setProperty(WOODSTOX_LAZY_PARSING, false);
        }
        return f;
    }

    static XMLStreamReader open(Reader in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /** Moves to the root element; a DOCTYPE before it is refused. */
    static void toRoot(XMLStreamReader r) throws XMLStreamException {
        while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD) {
                throw doctype(r);
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("no root element", r.getLocation());
            }
        }
    }

    /** After the root's END_ELEMENT: reads to the end so that trailing garbage is reported. */
    static void toEnd(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.DTD) {
                throw doctype(r);
            }
        }
    }

    /**
     * From a START_ELEMENT, or from the END_ELEMENT of a child already handled: moves to the next child's
     * START_ELEMENT and returns true, or to the parent's END_ELEMENT and returns false.
     */
    static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    return true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return false;
                }
                default -> refuse(r);
            }
        }
    }

    /** Skips the current element with everything inside it. */
    static void skip(XMLStreamReader r) throws XMLStreamException {
        while (nextChild(r)) {
            skip(r);
        }
    }

    /**
     * The text of the current element (child elements are skipped), with numeric character references that
     * arrived escaped once too often decoded (see {@link #decodeNumericEntities}); "" when empty.
     */
    static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> skip(r);
                case XMLStreamConstants.END_ELEMENT -> {
                    return decodeNumericEntities(text.toString());
                }
                default -> refuse(r);
            }
        }
    }

    /** Fails on the events that must not occur inside the root element; lets comments and the like pass. */
    private static void refuse(XMLStreamReader r) throws XMLStreamException {
        switch (r.getEventType()) {
            case XMLStreamConstants.DTD -> throw doctype(r);
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                    "entity reference &" + r.getLocalName() + "; is not allowed", r.getLocation());
            case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException(
                    "document ends inside an element", r.getLocation());
            default -> {
            }
        }
    }

    /**
     * Decodes {@code &#233;} and {@code &#xE9;} left in text after XML parsing: some QuickBooks set-ups send
     * {@code Aug&amp;#233;} for "Augé". Other text, including a lone {@code &}, is left as it is.
     */
    static String decodeNumericEntities(String text) {
        if (text.indexOf("&#") < 0) {
            return text;
        }
        Matcher m = NUMERIC_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            int cp = m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(isXmlChar(cp) ? Character.toString(cp) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A character XML 1.0 allows in text; references to anything else are left as they are. */
    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    static String where(XMLStreamReader r) {
        Location l = r.getLocation();
        return l == null ? "" : " (line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ")";
    }

    private static XMLStreamException doctype(XMLStreamReader r) {
        return new XMLStreamException("a DOCTYPE is not allowed in qbXML", r.getLocation());
    }
}
