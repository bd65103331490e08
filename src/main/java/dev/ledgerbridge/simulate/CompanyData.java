package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded sample data for the generators, shaped like a real company file: Latin-1 accents and the characters XML
 * must escape in names, bill and ship addresses, sales tax codes, custom fields, lines with fractional quantities
 * and service dates, groups.
 */
final class CompanyData {

    private CompanyData() {
    }

    private static final String[] FIRST = {"Zoë", "José", "Renée", "François", "Jürgen", "Søren", "Åsa", "Chloé",
        "Íñigo", "Agnès", "Björn", "Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry", "Irene",
        "Jack", "Karen", "Liam", "Mia", "Noah", "Olivia", "Paul", "Rosa"};
    private static final String[] LAST = {"Müller", "Ødegård", "Núñez", "García", "Lefèvre", "O'Brien", "Smith",
        "Johnson", "Brown", "Nguyen", "Kowalski", "D'Angelo", "Åberg", "Çelik", "Schäfer", "Peña", "Wong", "Dubois",
        "MacDonald", "Fernández"};
    private static final String[] COMPANY = {"%s & Sons", "%s <Holdings>", "\"%s\" Bakery", "%s Café", "%s's Pub",
        "%s & Partners, LLC", "%s Déménagement", "%s <East> & <West>", "%s Plumbing", "%s Landscaping"};
    private static final String[] JOBS = {"Kitchen remodel", "Bathroom", "Roof & Gutters", "Phase 2 <East>",
        "\"Rush\" order", "Café build-out", "Garage", "Deck O'Neil St", "Annual service", "Façade"};
    private static final String[] CITIES = {"Springfield", "Montréal", "São Paulo", "Zürich", "Albany", "Reykjavík",
        "Portland", "Coeur d'Alene"};
    private static final String[] STREETS = {"Main St", "Rue de l'Église", "Oak Ave", "Königstraße", "Elm & 3rd",
        "Harbor Rd"};
    private static final String[] TERMS = {"Net 30", "Net 15", "Due on receipt", null};
    private static final String[] ITEMS = {"Consulting", "Labor", "Materials", "Widget <Large>", "Parts & Supplies",
        "Design \"Premium\"", "Café Service", "Hardware"};
    private static final String[] GROUPS = {"Install Kit", "Service Bundle", "Starter <Pack>"};
    private static final String[] DESCS = {"On-site work", "Parts & labour", "Size <10mm>", "\"Express\" delivery",
        "Crème brûlée tasting", "Weekly service", "O'Hare pickup"};
    private static final String[] QTY = {"1", "2", "3", "1.5", "10", "0.25", "4"};
    private static final String[] TAX = {"0", "0", "6.25", "8.875", "7"};
    private static final String[] TAX_ITEMS = {"Out of State", "Ada County", "NY State & City", "San José"};
    private static final String[] MANAGERS = {"Renée O'Connor", "Jürgen Schäfer", "Ana Peña", "Tom <TJ> Smith"};
    private static final String[] REGIONS = {"North-East", "Île-de-France", "Rockies & Plains", "\"Pacific\" Coast"};
    private static final String[] CONTACTS = {"Front desk", "Site office", "Accounts payable & receivable"};

    static String customerName(Random rnd) {
        String last = LAST[rnd.nextInt(LAST.length)];
        if (rnd.nextInt(100) < 45) {
            return String.format(COMPANY[rnd.nextInt(COMPANY.length)], last);
        }
        return last + ", " + FIRST[rnd.nextInt(FIRST.length)];
    }

    static String jobName(Random rnd) {
        return JOBS[rnd.nextInt(JOBS.length)];
    }

    static void fill(CustomerSpec spec, Random rnd, boolean job) {
        String first = FIRST[rnd.nextInt(FIRST.length)];
        String last = LAST[rnd.nextInt(LAST.length)];
        spec.firstName(first).lastName(last);
        if (!job || rnd.nextBoolean()) {
            spec.companyName(String.format(COMPANY[rnd.nextInt(COMPANY.length)], last));
        }
        if (rnd.nextInt(100) < 85) {
            spec.email(ascii(first) + "." + ascii(last) + rnd.nextInt(1000) + "@example.com");
        }
        if (rnd.nextInt(100) < 20) {
            spec.cc("billing+" + ascii(last) + "@example.org");
        }
        if (rnd.nextInt(100) < 80) {
            spec.phone(String.format("(555) %03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)));
        }
        if (rnd.nextInt(100) < 90) {
            QbAddress a = QbAddress.of((1 + rnd.nextInt(9999)) + " " + STREETS[rnd.nextInt(STREETS.length)],
                    CITIES[rnd.nextInt(CITIES.length)], "NY", String.format("%05d", rnd.nextInt(100000)), "USA");
            spec.billAddress(rnd.nextInt(100) < 20 ? a.withAddr2("Suite " + (1 + rnd.nextInt(500))) : a);
        }
        if (!job) {
            spec.terms(TERMS[rnd.nextInt(TERMS.length)]);
        }
        if (rnd.nextInt(100) < 10) {
            spec.notes("Prefers e-mail & calls after 5 <pm>; says \"thanks\"");
        }
    }

    static void fill(InvoiceSpec spec, Random rnd, LocalDate today) {
        spec.txnDate(today.minusDays(rnd.nextInt(121)));
        if (rnd.nextInt(100) < 30) {
            spec.memo(rnd.nextBoolean() ? "Thanks for your business & see you soon" : "PO <pending> - \"urgent\"");
        }
        if (rnd.nextInt(100) < 20) {
            spec.poNumber("PO-" + rnd.nextInt(100000));
        }
        spec.salesTaxPercentage(TAX[rnd.nextInt(TAX.length)]);
        int entries = 2 + rnd.nextInt(2);
        for (int i = 0; i < entries; i++) {
            int kind = rnd.nextInt(100);
            if (kind < 15) {
                int n = 2 + rnd.nextInt(2);
                LineSpec[] lines = new LineSpec[n];
                for (int j = 0; j < n; j++) {
                    lines[j] = itemLine(rnd);
                }
                spec.line(GroupSpec.of(GROUPS[rnd.nextInt(GROUPS.length)], "Bundle & extras", lines)
                        .printItemsInGroup(rnd.nextBoolean()));
            } else if (kind < 23) {
                spec.line(LineSpec.descriptionOnly(DESCS[rnd.nextInt(DESCS.length)]));
            } else {
                spec.line(itemLine(rnd));
            }
        }
    }

    /**
     * What a real company file holds beyond {@link #fill(CustomerSpec, Random, boolean)}: a ship address, sales tax
     * code and item, a fax, custom fields. Drawn from its own random sequence so the fields {@code fill} sets stay
     * the same for a seed.
     */
    static void enrich(CustomerSpec spec, Random rnd) {
        Object bill = spec.values.get("BillAddress");
        if (bill instanceof QbAddress a && rnd.nextInt(100) < 40) {
            spec.shipAddress(rnd.nextInt(100) < 70 ? a : QbAddress.of((1 + rnd.nextInt(999)) + " "
                    + STREETS[rnd.nextInt(STREETS.length)], CITIES[rnd.nextInt(CITIES.length)], "NJ",
                    String.format("%05d", rnd.nextInt(100000)), "USA").withAddr2("Dock " + (1 + rnd.nextInt(9))));
        }
        spec.salesTaxCode(rnd.nextInt(100) < 70 ? "Tax" : "Non");
        spec.itemSalesTax(TAX_ITEMS[rnd.nextInt(TAX_ITEMS.length)]);
        if (rnd.nextInt(100) < 30) {
            spec.fax(String.format("(555) %03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)));
        }
        if (rnd.nextInt(100) < 40) {
            spec.contact(CONTACTS[rnd.nextInt(CONTACTS.length)]);
        }
        spec.customField("Account manager", MANAGERS[rnd.nextInt(MANAGERS.length)]);
        if (rnd.nextBoolean()) {
            spec.customField("Region", REGIONS[rnd.nextInt(REGIONS.length)]);
        }
    }

    /** The invoice counterpart of {@link #enrich(CustomerSpec, Random)}: ship date, e-mail flag, service dates, custom field. */
    static void enrich(InvoiceSpec spec, Random rnd, LocalDate today) {
        LocalDate txnDate = spec.values.get("TxnDate") instanceof LocalDate d ? d : today;
        if (rnd.nextBoolean()) {
            spec.shipDate(txnDate.plusDays(rnd.nextInt(6)));
        }
        spec.toBeEmailed(rnd.nextInt(100) < 60);
        if (rnd.nextInt(100) < 70) {
            spec.customField("Job site contact", MANAGERS[rnd.nextInt(MANAGERS.length)] + " (208) 555-0"
                    + (100 + rnd.nextInt(900)));
        }
        if (spec.lines != null) {
            for (int i = 0; i < spec.lines.size(); i++) {
                if (spec.lines.get(i) instanceof LineSpec l && l.item() != null && rnd.nextInt(100) < 40) {
                    spec.lines.set(i, l.servicedOn(txnDate.minusDays(rnd.nextInt(10))));
                }
            }
        }
    }

    private static LineSpec itemLine(Random rnd) {
        BigDecimal rate = BigDecimal.valueOf(100 + rnd.nextInt(50_000), 2);
        LineSpec l = LineSpec.item(ITEMS[rnd.nextInt(ITEMS.length)], DESCS[rnd.nextInt(DESCS.length)],
                new BigDecimal(QTY[rnd.nextInt(QTY.length)]), rate);
        return rnd.nextBoolean() ? l.taxable() : l;
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }
}
