package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/** Every rendered request validates against Intuit's qbXML 13.0 schema in ../shared/qbxml-schema. */
class RenderedRequestsMatchTheSchemaTest {

    private static final QbxmlRenderer RENDERER = new QbxmlRenderer();
    private static Schema schema;

    /** Skips the calling test when ../shared/qbxml-schema is absent; compiles the schema once. */
    private static synchronized Schema schema() throws SAXException {
        if (schema == null) {
            schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(SharedFolder.schema().toFile());
        }
        return schema;
    }

    static List<RequestVariants.Variant> variants() {
        return RequestVariants.all();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void validatesAgainstTheQbxmlSchema(RequestVariants.Variant variant) throws SAXException {
        // given
        Schema qbxml = schema();
        String xml = RENDERER.render(variant.template(), "13.0", variant.model());

        // when / then
        assertThatCode(() -> validate(qbxml, xml)).as(xml).doesNotThrowAnyException();
    }

    @Test
    void theSchemaRejectsChildrenOutOfOrder() throws SAXException {
        // given: ActiveStatus moved before MaxReturned
        Schema qbxml = schema();
        String xml = RENDERER.render(QbxmlRenderer.CUSTOMER_QUERY, "13.0",
                        RequestVariants.paged("cust-1", "Start", null, null, null))
                .replace("<MaxReturned>100</MaxReturned>", "")
                .replace("<ActiveStatus>All</ActiveStatus>",
                        "<ActiveStatus>All</ActiveStatus><MaxReturned>100</MaxReturned>");

        // when / then
        assertThatThrownBy(() -> validate(qbxml, xml)).isInstanceOf(SAXException.class);
    }

    private static void validate(Schema qbxml, String xml) throws Exception {
        qbxml.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
