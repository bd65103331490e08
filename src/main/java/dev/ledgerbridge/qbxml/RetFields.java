package dev.ledgerbridge.qbxml;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The leaf values of one {@code *Ret} element that the readers care about, keyed by their path below it
 * ({@code ListID}, {@code ParentRef/ListID}, {@code BillAddress/City}), with qbXML's conversions.
 * Everything else inside the element is skipped, however deep.
 */
final class RetFields {

    /** One set of wanted paths, with the aggregates leading to them. Built once per element kind. */
    static final class Shape {
        private final Set<String> leaves;
        private final Set<String> aggregates = new HashSet<>();

        Shape(Set<String> leaves) {
            this.leaves = Set.copyOf(leaves);
            for (String leaf : leaves) {
                for (int slash = leaf.indexOf('/'); slash >= 0; slash = leaf.indexOf('/', slash + 1)) {
                    aggregates.add(leaf.substring(0, slash));
                }
            }
        }
    }

    /** Reads a child of the Ret itself that the caller handles (repeated aggregates such as lines). */
    interface ChildReader {
        /** Returns false when it does not handle {@code name}; otherwise consumes the element. */
        boolean read(String name, XMLStreamReader r) throws XMLStreamException;
    }

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private final String element;
    private final ZoneId defaultZone;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> present = new HashSet<>();

    private RetFields(String element, ZoneId defaultZone) {
        this.element = element;
        this.defaultZone = defaultZone;
    }

    /** Reads the element the cursor is on (a START_ELEMENT) up to its END_ELEMENT. */
    static RetFields read(XMLStreamReader r, Shape shape, ZoneId defaultZone, ChildReader children)
            throws XMLStreamException {
        RetFields fields = new RetFields(r.getLocalName(), defaultZone);
        fields.readChildren(r, "", shape, children);
        return fields;
    }

    private void readChildren(XMLStreamReader r, String prefix, Shape shape, ChildReader children)
            throws XMLStreamException {
        while (Stax.nextChild(r)) {
            String name = r.getLocalName();
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            if (prefix.isEmpty() && children != null && children.read(name, r)) {
                continue;
            }
            if (shape.leaves.contains(path)) {
                values.put(path, Stax.text(r));
            } else if (shape.aggregates.contains(path)) {
                present.add(path);
                readChildren(r, path, shape, null);
            } else {
                Stax.skip(r);
            }
        }
    }

    /** True when the aggregate at {@code path} (e.g. BillAddress) was in the element, even empty. */
    boolean has(String path) {
        return present.contains(path);
    }

    /** The text at {@code path}, or null when absent or empty. */
    String str(String path) {
        String v = values.get(path);
        return v == null || v.isEmpty() ? null : v;
    }

    boolean bool(String path, boolean absent) {
        String v = trimmed(path);
        if (v == null) {
            return absent;
        }
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw invalid(path, v, "a boolean");
    }

    int integer(String path, int absent) {
        String v = trimmed(path);
        if (v == null) {
            return absent;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(path, v, "an integer");
        }
    }

    /** The exact decimal as QuickBooks wrote it (no rounding); null when absent or empty. */
    BigDecimal decimal(String path) {
        String v = trimmed(path);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw invalid(path, v, "a decimal number");
        }
    }

    LocalDate date(String path) {
        String v = trimmed(path);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw invalid(path, v, "a date (YYYY-MM-DD)");
        }
    }

    /** A DATETIMETYPE; one without an offset is taken as a time in the reader's default zone. */
    OffsetDateTime dateTime(String path) {
        String v = trimmed(path);
        if (v == null) {
            return null;
        }
        try {
            OffsetDateTime common = commonDateTime(v);
            if (common != null) {
                return common;
            }
            TemporalAccessor t = DATE_TIME.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime odt ? odt
                    : ((LocalDateTime) t).atZone(defaultZone).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw invalid(path, v, "a date-time (YYYY-MM-DDThh:mm:ss with an optional offset)");
        }
    }

    /**
     * The form QuickBooks writes, YYYY-MM-DDThh:mm:ss with or without a ±hh:mm offset, read without the general
     * parser (every record carries two of them); null for any other form or a value near a limit (a day past the
     * 28th, an offset of 18 hours), which the general parser then reads as it always has.
     */
    private OffsetDateTime commonDateTime(String v) {
        int n = v.length();
        if ((n != 19 && n != 25) || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59) {
            return null; // the general parser's rules for the rest (the end of a month, for one)
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
        if (n == 19) {
            return local.atZone(defaultZone).toOffsetDateTime();
        }
        char sign = v.charAt(19);
        int offsetHours = digits(v, 20, 2);
        int offsetMinutes = digits(v, 23, 2);
        if ((sign != '+' && sign != '-') || v.charAt(22) != ':' || offsetHours < 0 || offsetHours > 18
                || offsetMinutes < 0 || offsetMinutes > 59) {
            return null;
        }
        int seconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
        return OffsetDateTime.of(local, java.time.ZoneOffset.ofTotalSeconds(seconds));
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}; -1 when one is not a digit. */
    private static int digits(String v, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private String trimmed(String path) {
        String v = values.get(path);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    private QbxmlParseException invalid(String path, String value, String expected) {
        String id = values.getOrDefault("ListID", values.getOrDefault("TxnID", values.get("TxnLineID")));
        return new QbxmlParseException(element + (id == null ? "" : " " + id) + ": " + path + " '" + value
                + "' is not " + expected);
    }
}
