package dev.ledgerbridge.testkit;

import dev.ledgerbridge.simulate.Xml;
import java.util.ArrayList;
import java.util.List;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** qbXML request building and response reading for the kit's own tests. */
final class QbxmlTestSupport {

    private QbxmlTestSupport() {
    }

    static String rq(String... requests) {
        return rqOn("stopOnError", requests);
    }

    static String rqOn(String onError, String... requests) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?qbxml version=\"13.0\"?>\n<QBXML><QBXMLMsgsRq onError=\""
                + onError + "\">" + String.join("", requests) + "</QBXMLMsgsRq></QBXML>";
    }

    static Document doc(String xml) {
        try {
            return Xml.parse(xml);
        } catch (SAXException e) {
            throw new AssertionError("not XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static String xpath(String xml, String expression) {
        try {
            XPath xp = XPathFactory.newInstance().newXPath();
            return xp.evaluate(expression, doc(xml));
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> xpathAll(String xml, String expression) {
        try {
            XPath xp = XPathFactory.newInstance().newXPath();
            NodeList nodes = (NodeList) xp.evaluate(expression, doc(xml), XPathConstants.NODESET);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    static int count(String xml, String expression) {
        return xpathAll(xml, expression).size();
    }
}
