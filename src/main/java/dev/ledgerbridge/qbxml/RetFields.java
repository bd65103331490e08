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
            TemporalAccessor t = DATE_TIME.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime odt ? odt
                    : ((LocalDateTime) t).atZone(defaultZone).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw invalid(path, v, "a date-time (YYYY-MM-DDThh:mm:ss with an optional offset)");
        }
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
