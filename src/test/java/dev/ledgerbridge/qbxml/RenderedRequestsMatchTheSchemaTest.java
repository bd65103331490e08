package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/** Every rendered request validates against Intuit's qbXML 13.0 schema in ../shared/qbxml-schema. */
class RenderedRequestsMatchTheSchemaTest {

    private static final QbxmlRenderer RENDERER = new QbxmlRenderer();
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws SAXException {
        schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SharedFolder.schema().toFile());
    }

    static List<RequestVariants.Variant> variants() {
        return RequestVariants.all();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void validatesAgainstTheQbxmlSchema(RequestVariants.Variant variant) {
        // given
        String xml = RENDERER.render(variant.template(), "13.0", variant.model());

        // when / then
        assertThatCode(() -> validate(xml)).as(xml).doesNotThrowAnyException();
    }

    @Test
    void theSchemaRejectsChildrenOutOfOrder() {
        // given: ActiveStatus moved before MaxReturned
        String xml = RENDERER.render(QbxmlRenderer.CUSTOMER_QUERY, "13.0",
                        RequestVariants.paged("cust-1", "Start", null, null, null))
                .replace("<MaxReturned>100</MaxReturned>", "")
                .replace("<ActiveStatus>All</ActiveStatus>",
                        "<ActiveStatus>All</ActiveStatus><MaxReturned>100</MaxReturned>");

        // when / then
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(SAXException.class);
    }

    private static void validate(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
