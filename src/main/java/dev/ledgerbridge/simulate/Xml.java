package dev.ledgerbridge.simulate;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** XML helpers of the simulator: a hardened DOM parser, escaping and a tiny element tree writer. */
public final class Xml {

    private Xml() {
    }

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // ignored, like the real parsers do
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** A namespace-aware parser with DTDs, external entities and XInclude off. */
    public static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(STRICT);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot configure a secure XML parser", e);
        }
    }

    public static Document parse(String xml) throws SAXException {
        try {
            return secureBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    public static String escapeText(String s) {
        return escape(s, false);
    }

    public static String escapeAttr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attr) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> attr ? "&quot;" : null;
                default -> null;
            };
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    // ---- DOM reading (qbXML has no namespace; names are local names) ----

    public static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    public static String name(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Element e : elements(parent)) {
            if (name(e).equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    public static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && name(((Element) n)).equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    /** Text of the named child, or null when the child is absent. */
    public static String childText(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent();
    }

    public static List<String> childTexts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Element e : children(parent, name)) {
            out.add(e.getTextContent());
        }
        return out;
    }

    public static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    // ---- writing ----

    /** A minimal element tree, serialised the way QuickBooks writes qbXML. */
    static final class El {
        final String name;
        final Map<String, String> attrs = new LinkedHashMap<>();
        final List<El> children = new ArrayList<>();
        String text;

        El(String name) {
            this.name = name;
        }

        static El of(String name) {
            return new El(name);
        }

        El attr(String key, Object value) {
            if (value != null) {
                attrs.put(key, value.toString());
            }
            return this;
        }

        /** Adds a text child element unless value is null. */
        El add(String childName, Object value) {
            if (value != null) {
                El c = new El(childName);
                c.text = value.toString();
                children.add(c);
            }
            return this;
        }

        El add(El child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        El first(String childName) {
            for (El c : children) {
                if (c.name.equals(childName)) {
                    return c;
                }
            }
            return null;
        }

        El keepOnly(Predicate<String> childName) {
            children.removeIf(c -> !childName.test(c.name));
            return this;
        }

        /** Writes the element; newlines=true puts every tag on its own line as QuickBooks does. */
        void write(StringBuilder out, boolean newlines) {
            out.append('<').append(name);
            for (Map.Entry<String, String> a : attrs.entrySet()) {
                out.append(' ').append(a.getKey()).append("=\"").append(escapeAttr(a.getValue())).append('"');
            }
            if (text != null) {
                out.append('>').append(escapeText(text)).append("</").append(name).append('>');
            } else if (children.isEmpty()) {
                out.append(" />");
            } else {
                out.append('>');
                if (newlines) {
                    out.append('\n');
                }
                for (El c : children) {
                    c.write(out, newlines);
                }
                out.append("</").append(name).append('>');
            }
            if (newlines) {
                out.append('\n');
            }
        }
    }
}
