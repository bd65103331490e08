package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;

/** Seeded sample data for the generators: Latin-1 accents and the characters XML must escape. */
final class FakeData {

    private FakeData() {
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
        int entries = 1 + rnd.nextInt(5);
        for (int i = 0; i < entries; i++) {
            int kind = rnd.nextInt(100);
            if (kind < 20) {
                int n = 2 + rnd.nextInt(2);
                LineSpec[] lines = new LineSpec[n];
                for (int j = 0; j < n; j++) {
                    lines[j] = itemLine(rnd);
                }
                spec.line(GroupSpec.of(GROUPS[rnd.nextInt(GROUPS.length)], "Bundle & extras", lines)
                        .printItemsInGroup(rnd.nextBoolean()));
            } else if (kind < 28) {
                spec.line(LineSpec.descriptionOnly(DESCS[rnd.nextInt(DESCS.length)]));
            } else {
                spec.line(itemLine(rnd));
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
