package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaxTest {

    @Test
    void decodesDecimalAndHexadecimalCharacterReferencesLeftInText() {
        assertThat(Stax.decodeNumericEntities("Aug&#233; &#xE9;t&#XE9; &#8364;5 &#x1F600;"))
                .isEqualTo("Augé été €5 😀");
    }

    @Test
    void leavesEverythingElseAsItIs() {
        assertThat(Stax.decodeNumericEntities("AT&T")).isEqualTo("AT&T");
        assertThat(Stax.decodeNumericEntities("Aug&#233")).as("no semicolon").isEqualTo("Aug&#233");
        assertThat(Stax.decodeNumericEntities("&amp; &#;")).isEqualTo("&amp; &#;");
        assertThat(Stax.decodeNumericEntities("bell&#7;")).as("not an XML character").isEqualTo("bell&#7;");
        assertThat(Stax.decodeNumericEntities("&#xD800;&#1114112;&#0;")).isEqualTo("&#xD800;&#1114112;&#0;");
    }
}
