package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HcpParserTest {

    private static final String OWNER_ID = "{6B2A90F4-3C1D-4E5F-A6B7-C8D9E0F1A2B3}";
    private static final List<String> VERSIONS_1_TO_14 = List.of("1.0", "1.1", "2.0", "2.1", "3.0", "4.0", "4.1",
            "5.0", "6.0", "7.0", "8.0", "9.0", "10.0", "11.0", "12.0", "13.0", "14.0");

    @Test
    void readsHostCompanyAndTheFileIdOfOurOwner() throws IOException {
        // given
        String hcp = resource("hcp-response.xml");

        // when
        HcpResponse r = HcpParser.parse(hcp, OWNER_ID);

        // then
        assertThat(r).isEqualTo(new HcpResponse("QuickBooks Premier Edition 2019", 29, "US", VERSIONS_1_TO_14,
                "Smith & Sons Hardware", "{5E0C7F12-0A1B-4C2D-9E3F-445566778899}", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6b2a90f4-3c1d-4e5f-a6b7-c8d9e0f1a2b3", "{6b2a90f4-3c1d-4e5f-a6b7-c8d9e0f1a2b3}",
            " 6B2A90F4-3C1D-4E5F-A6B7-C8D9E0F1A2B3 "})
    void matchesTheOwnerIdInAnyCaseWithOrWithoutBraces(String ownerId) throws IOException {
        // when
        HcpResponse r = HcpParser.parse(resource("hcp-response.xml"), ownerId);

        // then
        assertThat(r.fileId()).isEqualTo("{5E0C7F12-0A1B-4C2D-9E3F-445566778899}");
    }

    @Test
    void leavesTheFileIdEmptyForAnotherOwner() throws IOException {
        // when
        HcpResponse other = HcpParser.parse(resource("hcp-response.xml"), "{11111111-2222-3333-4444-555555555555}");
        HcpResponse none = HcpParser.parse(resource("hcp-response.xml"), null);

        // then
        assertThat(other.fileId()).isNull();
        assertThat(none.fileId()).isNull();
        assertThat(other.companyName()).isEqualTo("Smith & Sons Hardware");
    }

    @Test
    void readsTheSameFieldsWhenATagIsCorrupted() throws IOException {
        // given: STR255TYPE<yzer/DataExtType>, as seen in a real strHCPResponse
        String corrupted = resource("hcp-response-corrupted-tag.xml");

        // when
        HcpResponse lenient = HcpParser.parse(corrupted, OWNER_ID);

        // then
        assertThat(lenient).isEqualTo(HcpParser.parse(resource("hcp-response.xml"), OWNER_ID));
    }

    @Test
    void recognisesPointOfSale() {
        // when
        HcpResponse r = HcpParser.parse("HOSTQUERY/COMPANYQUERY/PREFQUERY is currently not supported in QBPOS.",
                OWNER_ID);

        // then
        assertThat(r.isQbpos()).isTrue();
        assertThat(r.supportedVersions()).isEmpty();
        assertThat(r.productName()).isNull();
    }

    @Test
    void givesEmptyFieldsForNoText() {
        assertThat(HcpParser.parse(null, OWNER_ID)).isEqualTo(HcpResponse.EMPTY);
        assertThat(HcpParser.parse("", OWNER_ID)).isEqualTo(HcpResponse.EMPTY);
        assertThat(HcpParser.parse("  \r\n", OWNER_ID)).isEqualTo(HcpResponse.EMPTY);
        assertThat(HcpResponse.EMPTY.supportedVersions()).isEmpty();
        assertThat(HcpResponse.EMPTY.isQbpos()).isFalse();
    }

    @Test
    void neverExpandsEntitiesOfADoctype() {
        // given
        String hcp = "<?xml version=\"1.0\"?><!DOCTYPE QBXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<QBXML><QBXMLMsgsRs><CompanyQueryRs statusCode=\"0\" statusSeverity=\"Info\"><CompanyRet>"
                + "<CompanyName>&x;</CompanyName></CompanyRet></CompanyQueryRs></QBXMLMsgsRs></QBXML>";

        // when
        HcpResponse r = HcpParser.parse(hcp, OWNER_ID);

        // then: the strict parse refuses the DOCTYPE; the lenient scan leaves the reference as written
        assertThat(r.companyName()).isEqualTo("&x;");
    }

    // ---- chooseVersion ---------------------------------------------------------------------------------

    @Test
    void choosesTheHighestVersionBothSidesSupportUpToTheMaximum() {
        assertThat(HcpParser.chooseVersion(VERSIONS_1_TO_14, 14, 0, "13.0")).isEqualTo("13.0");
        assertThat(HcpParser.chooseVersion(VERSIONS_1_TO_14, 12, 0, "13.0")).isEqualTo("12.0");
        assertThat(HcpParser.chooseVersion(VERSIONS_1_TO_14, 16, 0, "16.0")).isEqualTo("14.0");
    }

    @Test
    void comparesVersionsAsNumbers() {
        assertThat(HcpParser.chooseVersion(List.of("10.0", "9.0", "8.0"), 13, 0, "13.0")).isEqualTo("10.0");
        assertThat(HcpParser.chooseVersion(List.of("4.1", "4.10", "4.2"), 13, 0, "13.0")).isNull();
        assertThat(HcpParser.chooseVersion(List.of("6.1", "6.10", "6.2"), 13, 0, "13.0")).isEqualTo("6.10");
    }

    @Test
    void skipsAVersionMissingFromTheList() {
        assertThat(HcpParser.chooseVersion(List.of("11.0", "12.0", "14.0"), 14, 0, "13.0")).isEqualTo("12.0");
    }

    @Test
    void usesTheWebConnectorsVersionWhenTheListIsEmpty() {
        assertThat(HcpParser.chooseVersion(List.of(), 13, 0, "13.0")).isEqualTo("13.0");
        assertThat(HcpParser.chooseVersion(List.of(), 16, 0, "13.0")).isEqualTo("13.0");
        assertThat(HcpParser.chooseVersion(null, 8, 1, "13.0")).isEqualTo("8.1");
        assertThat(HcpParser.chooseVersion(List.of(), 0, 0, "13.0")).isNull();
    }

    @Test
    void capsOnlyByTheMaximumWhenTheWebConnectorVersionIsUnknown() {
        assertThat(HcpParser.chooseVersion(VERSIONS_1_TO_14, 0, 0, "13.0")).isEqualTo("13.0");
    }

    @Test
    void refusesVersionsWithoutIterators() {
        assertThat(HcpParser.chooseVersion(List.of("1.0", "2.0", "4.1"), 13, 0, "13.0")).isNull();
        assertThat(HcpParser.chooseVersion(List.of(), 3, 0, "13.0")).as("QBPOS reports qbposXML 3.0").isNull();
        assertThat(HcpParser.chooseVersion(VERSIONS_1_TO_14, 4, 1, "13.0")).isNull();
        assertThat(HcpParser.chooseVersion(VERSIONS_1_TO_14, 13, 0, "5.0")).isEqualTo("5.0");
    }

    @Test
    void ignoresEntriesThatAreNotVersions() {
        assertThat(HcpParser.chooseVersion(List.of("CA3.0", "", "13.0 ", "x"), 13, 0, "13.0")).isEqualTo("13.0");
    }

    @Test
    void refusesAMaximumThatIsNotAVersion() {
        assertThatThrownBy(() -> HcpParser.chooseVersion(VERSIONS_1_TO_14, 13, 0, "latest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latest");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HcpParserTest.class.getResourceAsStream("hcp/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
