package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.VelocityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

class QbxmlRendererTest {

    private static final QbxmlRenderer RENDERER = new QbxmlRenderer();

    static List<RequestVariants.Variant> variants() {
        return RequestVariants.all();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void rendersEachVariantAsItsGoldenFile(RequestVariants.Variant variant) throws IOException {
        // given
        String golden = golden(variant.name());

        // when
        String xml = RENDERER.render(variant.template(), "13.0", variant.model());

        // then
        Diff diff = DiffBuilder.compare(golden).withTest(xml).ignoreWhitespace().checkForSimilar().build();
        assertThat(diff.hasDifferences()).as("%s differs from its golden file:%n%s%n%s", variant, diff, xml)
                .isFalse();
    }

    @Test
    void startsWithTheXmlDeclarationThenTheQbxmlVersionThenTheMessageSet() {
        // given
        Map<String, Object> model = RequestVariants.paged("cust-1", "Start", null, null, null);

        // when
        String xml = RENDERER.render(QbxmlRenderer.CUSTOMER_QUERY, "12.0", model);

        // then
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?qbxml version=\"12.0\"?>\n"
                + "<QBXML>\n  <QBXMLMsgsRq onError=\"stopOnError\">\n    <CustomerQueryRq ");
    }

    @Test
    void transliteratesThenEscapesStrings() {
        // given
        Map<String, Object> model = RequestVariants.paged("A & B <\"Ω\"> ‘x’", "Start", null, null, null);

        // when
        String xml = RENDERER.render(QbxmlRenderer.CUSTOMER_QUERY, "13.0", model);

        // then
        assertThat(xml).contains("requestID=\"A &amp; B &lt;&quot;?&quot;&gt; &apos;x&apos;\"")
                .doesNotContain("Ω");
    }

    @Test
    void transliteratesStringsInsideNestedListsAndMaps() {
        // given
        Object model = List.of("Œ", Map.of("k", List.of("€", 7)), 3);

        // when
        Object result = QbxmlRenderer.latin1(model);

        // then
        assertThat(result).isEqualTo(List.of("OE", Map.of("k", List.of("EUR", 7)), 3));
    }

    @Test
    void namesAMissingModelKey() {
        // given
        Map<String, Object> model = RequestVariants.paged("cust-1", "Start", null, null, null);
        model.remove("toModifiedDate");

        // when / then
        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.CUSTOMER_QUERY, "13.0", model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'toModifiedDate'").hasMessageContaining(QbxmlRenderer.CUSTOMER_QUERY);
    }

    @Test
    void refusesNullWhereAValueIsNeeded() {
        // given
        Map<String, Object> model = RequestVariants.deleted(null, "Invoice", null);

        // when / then
        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.TXN_DELETED_QUERY, "13.0", model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'requestId'").hasMessageContaining("must not be null");
    }

    @Test
    void refusesAModelKeyTheTemplateDoesNotUse() {
        // given: a misspelled optional key would otherwise be dropped silently
        Map<String, Object> model = RequestVariants.with(
                RequestVariants.paged("inv-1", "Start", null, null, null), "ownerID", "0");

        // when / then
        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.INVOICE_QUERY, "13.0", model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ownerID'");
    }

    @Test
    void needsAnIteratorIdExactlyWhenContinuing() {
        Map<String, Object> continueWithout = RequestVariants.paged("c", "Continue", null, null, null);
        Map<String, Object> startWith = RequestVariants.paged("c", "Start", "{x}", null, null);
        Map<String, Object> unknown = RequestVariants.paged("c", "Next", "{x}", null, null);

        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.CUSTOMER_QUERY, "13.0", continueWithout))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'iteratorId'");
        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.INVOICE_QUERY, "13.0", startWith))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'iteratorId'");
        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.INVOICE_QUERY, "13.0", unknown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'iterator'");
    }

    @Test
    void rendersStopWithTheIteratorId() {
        // given
        Map<String, Object> model = RequestVariants.paged("c", "Stop", "{abc}", null, null);

        // when
        String xml = RENDERER.render(QbxmlRenderer.INVOICE_QUERY, "13.0", model);

        // then
        assertThat(xml).contains("iterator=\"Stop\" iteratorID=\"{abc}\"");
    }

    @Test
    void refusesAnUnknownTemplateOrAMalformedVersion() {
        Map<String, Object> model = RequestVariants.deleted("d", "Customer", null);

        assertThatThrownBy(() -> RENDERER.render("vendor-query.vm", "13.0", model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vendor-query.vm");
        assertThatThrownBy(() -> RENDERER.render(QbxmlRenderer.CUSTOMER_DELETED_QUERY, "13.0\"?><x", model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }

    @Test
    void theEngineFailsOnAMisspelledReference() {
        // given
        VelocityContext context = new VelocityContext(Map.of("requestId", "r"));

        // when / then
        assertThatThrownBy(() -> RENDERER.engine().evaluate(context, new StringWriter(), "t", "<a id=\"$requestID\"/>"))
                .isInstanceOf(VelocityException.class).hasMessageContaining("requestID");
    }

    @Test
    void theEngineEscapesEveryReferenceForXml() {
        // given
        VelocityContext context = new VelocityContext(Map.of("v", "<a & 'b' \"c\">"));
        StringWriter out = new StringWriter();

        // when
        RENDERER.engine().evaluate(context, out, "t", "$v");

        // then
        assertThat(out).hasToString("&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;");
    }

    static String golden(String name) throws IOException {
        String path = "golden/" + name + ".xml";
        try (InputStream in = QbxmlRendererTest.class.getResourceAsStream(path)) {
            assertThat(in).as("golden file %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
