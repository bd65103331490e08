package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The multicurrency preferences of an HCP response, well-formed or not. */
class HcpMultiCurrencyTest {
    static final String PREFS = "<PreferencesQueryRs requestID=\"2\" statusCode=\"0\" statusSeverity=\"Info\""
            + " statusMessage=\"Status OK\"><PreferencesRet><MultiCurrencyPreferences><IsMultiCurrencyOn>true"
            + "</IsMultiCurrencyOn><HomeCurrencyRef><ListID>C10000-1</ListID><FullName>Canadian Dollar</FullName>"
            + "</HomeCurrencyRef></MultiCurrencyPreferences></PreferencesRet></PreferencesQueryRs>";
    static final String HOST = "<HostQueryRs requestID=\"0\" statusCode=\"0\"><HostRet><ProductName>QuickBooks"
            + " Premier</ProductName><MajorVersion>24</MajorVersion><Country>CA</Country><SupportedQBXMLVersion>13.0"
            + "</SupportedQBXMLVersion></HostRet></HostQueryRs>";

    @Test
    void readsMultiCurrencyAndTheHomeCurrencyName() {
        HcpResponse r = HcpParser.parse("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs>" + HOST + PREFS
                + "</QBXMLMsgsRs></QBXML>", null);

        assertThat(r.multiCurrencyOn()).isTrue();
        assertThat(r.homeCurrencyName()).isEqualTo("Canadian Dollar");
        assertThat(r.country()).isEqualTo("CA");
    }

    @Test
    void readsThemFromAResponseThatIsNotWellFormedToo() {
        HcpResponse r = HcpParser.parse("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs>" + HOST + "<Broken>" + PREFS
                + "</QBXMLMsgsRs></QBXML>", null);

        assertThat(r.multiCurrencyOn()).isTrue();
        assertThat(r.homeCurrencyName()).isEqualTo("Canadian Dollar");
    }

    @Test
    void aFileWithMultiCurrencyOffHasNoHomeCurrencyName() {
        HcpResponse r = HcpParser.parse("<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs>" + HOST
                + PREFS.replace(">true<", ">false<") + "</QBXMLMsgsRs></QBXML>", null);

        assertThat(r.multiCurrencyOn()).isFalse();
        assertThat(r.homeCurrencyName()).isNull();
    }
}
