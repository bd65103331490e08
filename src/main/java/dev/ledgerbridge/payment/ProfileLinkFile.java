package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links a whole book's customers to the customers they already have at the company's gateway from one CSV file: each
 * row names a QuickBooks customer (its ListID, full name or name) and the gateway's customer (e.g. an Authorize.Net CIM
 * customer profile id), with an optional header row. {@link #preview} says what each row matched without changing
 * anything: one customer, none, or more than one (the same name twice in QuickBooks, or the same customer or gateway
 * customer on several rows); {@link #apply} links only the rows that matched exactly once, so nothing ambiguous is
 * ever linked.
 */
public final class ProfileLinkFile {
    private static final Logger log = LoggerFactory.getLogger(ProfileLinkFile.class);
    public static final int MAX_ROWS = 5000;
    public static final int MAX_CHARS = 1_000_000;

    public enum Match { MATCHED, UNMATCHED, MATCHED_TWICE }

    /** One row of the file: its line, what it names, what it matched and why not when it did not. */
    public record Row(int line, String customer, String gatewayCustomerId, Match match, String listId, String fullName,
                      String problem) {
    }

    /** What a file would do: every row, with counts. */
    public record Preview(List<Row> rows) {
        public long count(Match m) {
            return rows.stream().filter(r -> r.match() == m).count();
        }
    }

    /** What linking did for one matched row: the cards linked, or why nothing was. */
    public record Outcome(Row row, int cardsLinked, String problem) {
    }

    private final Database db;
    private final PaymentProfiles profiles;

    public ProfileLinkFile(Database db, PaymentProfiles profiles) {
        this.db = db;
        this.profiles = profiles;
    }

    /** What each row of the file matches, nothing changed; throws PaymentException when the file cannot be read. */
    public Preview preview(long companyId, String csv) {
        List<List<String>> lines = Csv.parse(csv == null ? "" : csv, MAX_CHARS);
        List<Row> rows = new ArrayList<>();
        Map<String, List<Integer>> byCustomer = new HashMap<>();
        Map<String, List<Integer>> byGateway = new HashMap<>();
        try (SqlSession s = db.session()) {
            GatewayMapper m = s.getMapper(GatewayMapper.class);
            int line = 0;
            for (List<String> cells : lines) {
                line++;
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                String customer = cells.get(0).strip();
                String gatewayId = cells.size() > 1 ? cells.get(1).strip() : "";
                if (rows.isEmpty() && line == 1 && !gatewayId.matches("[A-Za-z0-9_.:-]*\\d[A-Za-z0-9_.:-]*")) {
                    continue; // a header row
                }
                if (rows.size() >= MAX_ROWS) {
                    throw new PaymentException("The file has more than " + MAX_ROWS + " rows; split it.");
                }
                if (customer.isEmpty() || gatewayId.isEmpty() || gatewayId.length() > 100 || customer.length() > 255) {
                    rows.add(new Row(line, customer, gatewayId, Match.UNMATCHED, null, null, "a row needs the"
                            + " QuickBooks customer (name or ListID) and the gateway's customer id"));
                    continue;
                }
                List<GatewayMapper.CustomerMatch> found = m.customersMatching(companyId, customer);
                if (found.isEmpty()) {
                    rows.add(new Row(line, customer, gatewayId, Match.UNMATCHED, null, null, "no QuickBooks customer"
                            + " has this name or ListID"));
                } else if (found.size() > 1) {
                    rows.add(new Row(line, customer, gatewayId, Match.MATCHED_TWICE, null, null, found.size()
                            + " QuickBooks customers have this name: " + String.join("; ", found.stream()
                            .map(c -> c.fullName + " (" + c.listId + ")").toList()) + "; use the ListID"));
                } else {
                    GatewayMapper.CustomerMatch c = found.get(0);
                    rows.add(new Row(line, customer, gatewayId, Match.MATCHED, c.listId, c.fullName, null));
                    byCustomer.computeIfAbsent(c.listId, k -> new ArrayList<>()).add(rows.size() - 1);
                }
                byGateway.computeIfAbsent(gatewayId, k -> new ArrayList<>()).add(rows.size() - 1);
            }
        }
        twice(rows, byCustomer, "the same QuickBooks customer is on lines ");
        twice(rows, byGateway, "the same gateway customer is on lines ");
        return new Preview(List.copyOf(rows));
    }

    private static void twice(List<Row> rows, Map<String, List<Integer>> groups, String why) {
        for (List<Integer> g : groups.values()) {
            if (g.size() < 2) {
                continue;
            }
            String lines = String.join(", ", g.stream().map(i -> Integer.toString(rows.get(i).line())).toList());
            for (int i : g) {
                Row r = rows.get(i);
                if (r.match() != Match.UNMATCHED) {
                    rows.set(i, new Row(r.line(), r.customer(), r.gatewayCustomerId(), Match.MATCHED_TWICE, r.listId(),
                            r.fullName(), r.problem() != null ? r.problem() : why + lines));
                }
            }
        }
    }

    /** Links the rows that matched exactly once (read again now), each on its own; returns what each did. */
    public List<Outcome> apply(long companyId, String csv, String by) {
        List<Outcome> out = new ArrayList<>();
        for (Row r : preview(companyId, csv).rows()) {
            if (r.match() != Match.MATCHED) {
                continue;
            }
            try {
                int n = profiles.link(companyId, r.listId(), r.gatewayCustomerId(), by).size();
                out.add(new Outcome(r, n, null));
            } catch (PaymentException e) {
                out.add(new Outcome(r, 0, e.getMessage()));
            }
        }
        log.info("linking file for company {} by {}: {} rows linked, {} failed", companyId, by,
                out.stream().filter(o -> o.problem() == null).count(),
                out.stream().filter(o -> o.problem() != null).count());
        return out;
    }

    /** RFC 4180 CSV: commas (or semicolons, as a spreadsheet in some countries saves), quotes doubled inside quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text, int max) {
            if (text.length() > max) {
                throw new PaymentException("The file is larger than " + max / 1000 + " KB; split it.");
            }
            String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
            int firstLine = t.indexOf('\n') < 0 ? t.length() : t.indexOf('\n');
            char sep = t.substring(0, firstLine).contains(",") || !t.substring(0, firstLine).contains(";") ? ',' : ';';
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"' && cell.toString().isBlank()) {
                    cell.setLength(0);
                    quoted = true;
                } else if (c == sep) {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(c);
                }
            }
            if (quoted) {
                throw new PaymentException("The file ends inside a quoted value: a quote (\") is missing.");
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
