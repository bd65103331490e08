package dev.ledgerbridge.qbxml;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the {@code strHCPResponse} of the first {@code sendRequestXML} call, and picks the qbXML version to
 * speak. Real HCP strings are not always well-formed (one was seen with {@code STR255TYPE<yzer/DataExtType>}
 * inside a DataExtRet), so a strict parse that fails falls back to a lenient scan for the same fields.
 */
public final class HcpParser {

    /** NOTE: the exact text QuickBooks Point of Sale sends instead of an HCP response. */
    static final String QBPOS_TEXT = "HOSTQUERY/COMPANYQUERY/PREFQUERY is currently not supported in QBPOS.";

    private static final RetFields.Shape DATA_EXT =
            new RetFields.Shape(Set.of("OwnerID", "DataExtName", "DataExtValue"));
    private static final Pattern DATA_EXT_BLOCK = Pattern.compile("<DataExtRet\\b[^>]*>(.*?)</DataExtRet\\s*>",
            Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile("\\s*(\\d{1,3})\\.(\\d{1,3})\\s*");
    private static final Version LOWEST_WITH_ITERATORS = new Version(5, 0);

    private HcpParser() {
    }

    /**
     * Parses {@code hcpResponse}. Null or blank text gives {@link HcpResponse#EMPTY}; the QBPOS text gives a
     * response with only {@code isQbpos} set.
     *
     * @param ownerId the application's OwnerID GUID from the .qwc file, with or without braces, in any case;
     *                it selects the FileID data extension. Null leaves {@code fileId} null.
     */
    public static HcpResponse parse(String hcpResponse, String ownerId) {
        if (hcpResponse == null || hcpResponse.isBlank()) {
            return HcpResponse.EMPTY;
        }
        String text = hcpResponse.strip();
        if (text.equals(QBPOS_TEXT) || !text.startsWith("<") && text.contains("not supported in QBPOS")) {
            return new HcpResponse(null, null, null, List.of(), null, null, true);
        }
        try {
            return strict(text, ownerId);
        } catch (XMLStreamException | QbxmlParseException e) {
            return lenient(text, ownerId);
        }
    }

    /**
     * The qbXML version to put in requests: the highest version QuickBooks lists in {@code supported} that is
     * no higher than what the Web Connector reported ({@code qbXMLMajorVers.qbXMLMinorVers}) and than
     * {@code max}. With an empty list, the Web Connector's version capped at {@code max}. Versions compare
     * numerically ("10.0" is above "9.0"); entries that are not a version are ignored.
     *
     * @param majorFromQbwc the Web Connector's major version; 0 or less means unknown (then only {@code max}
     *                      caps, and an empty list gives null)
     * @param max           the highest version this server speaks, e.g. "13.0"
     * @return the version as "major.minor", or null when nothing at or above 5.0 (needed for iterators) fits
     * @throws IllegalArgumentException when {@code max} is not a version
     */
    public static String chooseVersion(List<String> supported, int majorFromQbwc, int minorFromQbwc, String max) {
        Version cap = Version.parse(max);
        if (cap == null) {
            throw new IllegalArgumentException("max qbXML version must look like 13.0, got '" + max + "'");
        }
        Version qbwc = majorFromQbwc > 0 ? new Version(majorFromQbwc, Math.max(minorFromQbwc, 0)) : null;
        if (qbwc != null && qbwc.compareTo(cap) < 0) {
            cap = qbwc;
        }
        List<Version> listed = new ArrayList<>();
        if (supported != null) {
            supported.stream().map(Version::parse).filter(Objects::nonNull).forEach(listed::add);
        }
        Version best = null;
        if (listed.isEmpty()) {
            best = qbwc == null ? null : cap;
        } else {
            for (Version v : listed) {
                if (v.compareTo(cap) <= 0 && (best == null || v.compareTo(best) > 0)) {
                    best = v;
                }
            }
        }
        return best == null || best.compareTo(LOWEST_WITH_ITERATORS) < 0 ? null : best.toString();
    }

    private static HcpResponse strict(String text, String ownerId) throws XMLStreamException {
        Fields fields = new Fields(ownerId);
        XMLStreamReader r = Stax.open(new StringReader(text));
        try {
            Stax.toRoot(r);
            if (!"QBXML".equals(r.getLocalName())) {
                throw new XMLStreamException("root element is " + r.getLocalName());
            }
            walk(r, fields);
            Stax.toEnd(r);
        } finally {
            r.close();
        }
        return fields.build();
    }

    /** Walks the children of the current element, keeping what the HostRet and the CompanyRet say. */
    private static void walk(XMLStreamReader r, Fields fields) throws XMLStreamException {
        String parent = r.getLocalName();
        while (Stax.nextChild(r)) {
            String name = r.getLocalName();
            if ("HostRet".equals(parent) && fields.isHostField(name)) {
                fields.host(name, Stax.text(r));
            } else if ("CompanyRet".equals(parent) && "CompanyName".equals(name)) {
                fields.companyName = Stax.text(r);
            } else if ("MultiCurrencyPreferences".equals(parent) && "IsMultiCurrencyOn".equals(name)) {
                fields.multiCurrencyOn = Stax.text(r);
            } else if ("HomeCurrencyRef".equals(parent) && "FullName".equals(name)) {
                fields.homeCurrencyName = Stax.text(r);
            } else if ("CompanyRet".equals(parent) && "DataExtRet".equals(name)) {
                RetFields d = RetFields.read(r, DATA_EXT, ZoneOffset.UTC, null);
                fields.dataExt(d.str("OwnerID"), d.str("DataExtName"), d.str("DataExtValue"));
            } else {
                walk(r, fields);
            }
        }
    }

    private static HcpResponse lenient(String text, String ownerId) {
        Fields fields = new Fields(ownerId);
        String host = section(text, "HostRet");
        for (String name : List.of("ProductName", "MajorVersion", "Country", "SupportedQBXMLVersion")) {
            for (String value : values(host, name)) {
                fields.host(name, value);
            }
        }
        String company = section(text, "CompanyRet");
        List<String> companyNames = values(company, "CompanyName");
        fields.companyName = companyNames.isEmpty() ? null : companyNames.get(0);
        Matcher block = DATA_EXT_BLOCK.matcher(company);
        while (block.find()) {
            String ext = block.group(1);
            fields.dataExt(first(ext, "OwnerID"), first(ext, "DataExtName"), first(ext, "DataExtValue"));
        }
        String currencies = section(text, "MultiCurrencyPreferences");
        if (currencies.length() < text.length()) {
            fields.multiCurrencyOn = first(currencies, "IsMultiCurrencyOn");
            fields.homeCurrencyName = first(section(currencies, "HomeCurrencyRef"), "FullName");
        }
        return fields.build();
    }

    /** The text between {@code <name>} and {@code </name>}, or all of {@code text} when they are not found. */
    private static String section(String text, String name) {
        Matcher m = Pattern.compile("<" + name + "\\b[^>]*>(.*?)</" + name + "\\s*>", Pattern.DOTALL).matcher(text);
        return m.find() ? m.group(1) : text;
    }

    private static List<String> values(String text, String name) {
        Matcher m = Pattern.compile("<" + name + "(?:\\s[^>]*)?>([^<]*)</" + name + "\\s*>").matcher(text);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(Stax.decodeNumericEntities(unescape(m.group(1))));
        }
        return values;
    }

    private static String first(String text, String name) {
        List<String> values = values(text, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        Matcher m = Pattern.compile("&(lt|gt|quot|apos|amp|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});").matcher(s);
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "amp" -> "&";
                default -> Stax.decodeNumericEntities("&" + e + ";");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String guid(String s) {
        if (s == null) {
            return null;
        }
        String g = s.strip();
        if (g.startsWith("{") && g.endsWith("}")) {
            g = g.substring(1, g.length() - 1).strip();
        }
        return g.toLowerCase(Locale.ROOT);
    }

    /** What either parse has found so far. */
    private static final class Fields {
        private final String ownerGuid;
        private String productName;
        private String majorVersion;
        private String country;
        private final List<String> versions = new ArrayList<>();
        private String companyName;
        private String fileId;
        private String multiCurrencyOn;
        private String homeCurrencyName;

        Fields(String ownerId) {
            this.ownerGuid = guid(ownerId);
        }

        boolean isHostField(String name) {
            return switch (name) {
                case "ProductName", "MajorVersion", "Country", "SupportedQBXMLVersion" -> true;
                default -> false;
            };
        }

        void host(String name, String value) {
            String v = value == null || value.isBlank() ? null : value.strip();
            switch (name) {
                case "ProductName" -> productName = v;
                case "MajorVersion" -> majorVersion = v;
                case "Country" -> country = v;
                case "SupportedQBXMLVersion" -> {
                    if (v != null) {
                        versions.add(v);
                    }
                }
                default -> throw new IllegalArgumentException(name);
            }
        }

        void dataExt(String ownerId, String name, String value) {
            if (ownerGuid != null && ownerGuid.equals(guid(ownerId)) && "FileID".equalsIgnoreCase(strip(name))) {
                fileId = strip(value);
            }
        }

        HcpResponse build() {
            Integer major = null;
            if (majorVersion != null && majorVersion.matches("\\d{1,9}")) {
                major = Integer.valueOf(majorVersion);
            }
            boolean multi = multiCurrencyOn != null
                    && ("true".equalsIgnoreCase(multiCurrencyOn.strip()) || "1".equals(multiCurrencyOn.strip()));
            return new HcpResponse(productName, major, country, versions, blankToNull(companyName), fileId, false,
                    multi, multi ? blankToNull(strip(homeCurrencyName)) : null);
        }

        private static String strip(String s) {
            return s == null ? null : s.strip();
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** A qbXML spec version, compared numerically. */
    private record Version(int major, int minor) implements Comparable<Version> {

        static Version parse(String s) {
            if (s == null) {
                return null;
            }
            Matcher m = VERSION.matcher(s);
            return m.matches() ? new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
        }

        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }
}
