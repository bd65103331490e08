package dev.ledgerbridge.qbxml;

import java.util.List;

/**
 * What the first {@code sendRequestXML} of a Web Connector session says about QuickBooks and the company
 * file (its {@code strHCPResponse}: the HostQuery, CompanyQuery and PreferencesQuery responses).
 * Values QuickBooks did not send are null; {@code supportedVersions} is then empty.
 *
 * @param supportedVersions the SupportedQBXMLVersion values in the order sent, e.g. "1.0" ... "13.0"
 * @param fileId            the value of the FileID data extension under the application's OwnerID: the
 *                          FileID of the .qwc file, which tells which company file this is
 * @param isQbpos           true when the Web Connector talks to QuickBooks Point of Sale, which answers no
 *                          host query
 * @param multiCurrencyOn   the preferences' IsMultiCurrencyOn (false when not sent)
 * @param homeCurrencyName  the FullName of the preferences' HomeCurrencyRef (null when not sent)
 */
public record HcpResponse(String productName, Integer majorVersion, String country, List<String> supportedVersions,
                          String companyName, String fileId, boolean isQbpos, boolean multiCurrencyOn,
                          String homeCurrencyName) {

    /** The answer to an empty strHCPResponse (every call of a session after the first). */
    public static final HcpResponse EMPTY = new HcpResponse(null, null, null, List.of(), null, null, false);

    public HcpResponse {
        supportedVersions = supportedVersions == null ? List.of() : List.copyOf(supportedVersions);
    }

    /** The response of a company file without multicurrency. */
    public HcpResponse(String productName, Integer majorVersion, String country, List<String> supportedVersions,
                       String companyName, String fileId, boolean isQbpos) {
        this(productName, majorVersion, country, supportedVersions, companyName, fileId, isQbpos, false, null);
    }
}
