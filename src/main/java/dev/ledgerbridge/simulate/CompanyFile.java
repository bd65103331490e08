package dev.ledgerbridge.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The company file {@code simulate} plays: one recognisable identity (its name, and the FileID the Web Connector
 * would have stamped into it), and customers, invoices and payments made from a seed over the last four months,
 * so they carry the spread of times a real company file has.
 */
public final class CompanyFile {

    /** The company name QuickBooks reports for the simulated file. */
    public static final String NAME = "Simulated Company (ledgerbridge simulate)";
    /** The FileID stamped into the simulated file: the server binds a company to it on its first run. */
    public static final String FILE_ID = "{5111A7ED-C0DE-4F11-9E00-000000000001}";
    /**
     * NOTE: Ledgerbridge's OwnerID, the one every .qwc file it writes carries: the Web Connector stamps the FileID
     * under it, and the server reads it back from there.
     */
    public static final String OWNER_ID = "{68301EF6-DE5C-4E55-A55D-02F3B48642A6}";
    /** Records end their IDs with this second, so the same seed makes the same IDs on any day. */
    static final long ID_EPOCH = 1_451_606_400L;
    /** Payments received per invoice. */
    static final double PAYMENTS_PER_INVOICE = 0.7;

    private CompanyFile() {
    }

    /** A company that answers on {@code clock}'s time, made of the given numbers of customers and invoices. */
    public static SimulatedQuickBooks generate(int customers, int invoices, long seed, Clock clock) {
        return generate(customers, invoices, seed, clock, null, null);
    }

    /**
     * As above; with {@code homeCurrency} (an ISO code) the file has multicurrency on, and every third customer (with
     * its jobs) is in {@code otherCurrency}, at {@link #OTHER_RATE} home units per unit.
     */
    public static SimulatedQuickBooks generate(int customers, int invoices, long seed, Clock clock,
                                               String homeCurrency, String otherCurrency) {
        if (customers < 1 || invoices < 0) {
            throw new IllegalArgumentException("a simulated company needs at least one customer and no negative"
                    + " number of invoices");
        }
        SimulatedQuickBooks qb = new SimulatedQuickBooks(NAME);
        qb.setOwnerId(OWNER_ID);
        qb.setFileId(FILE_ID);
        qb.setZone(ZoneId.of("America/New_York"));
        qb.setIdEpoch(ID_EPOCH);
        Instant now = clock.instant();
        qb.setNow(now.minus(Duration.ofDays(120)));
        qb.setAutoAdvance(Duration.ofDays(30).dividedBy(customers));
        qb.generateCustomers(customers, seed, null);
        if (homeCurrency != null) {
            qb.setAutoAdvance(Duration.ZERO); // the file's clock must not run past now
            foreignCustomers(qb, homeCurrency, otherCurrency);
        }
        if (invoices > 0) {
            List<String> ids = qb.customerIds();
            if (ids.stream().noneMatch(id -> qb.customer(id).orElseThrow().active())) {
                qb.setActive(ids.get(0), true); // QuickBooks invoices active customers only
            }
            qb.setAutoAdvance(Duration.ofDays(85).dividedBy(invoices));
            qb.generateInvoices(invoices, seed + 1, null);
            int payments = (int) (invoices * PAYMENTS_PER_INVOICE);
            qb.setAutoAdvance(Duration.ofDays(4).dividedBy(Math.max(1, payments)));
            qb.generatePayments(payments, seed + 2, null);
        }
        qb.setAutoAdvance(Duration.ZERO);
        qb.setClock(clock);
        return qb;
    }

    /** The rate of the other currency of a multicurrency simulated file. */
    static final java.math.BigDecimal OTHER_RATE = new java.math.BigDecimal("1.3605");

    private static void foreignCustomers(SimulatedQuickBooks qb, String home, String other) {
        qb.turnOnMultiCurrency(home);
        qb.setExchangeRate(other, OTHER_RATE);
        java.util.Map<String, String> parents = new java.util.HashMap<>();
        List<String> roots = new java.util.ArrayList<>();
        for (QbCustomer c : qb.customers()) {
            if (c.parentListId() == null) {
                roots.add(c.listId());
            } else {
                parents.put(c.listId(), c.parentListId());
            }
        }
        java.util.Set<String> foreign = new java.util.HashSet<>();
        for (int i = 0; i < roots.size(); i += 3) {
            foreign.add(roots.get(i));
        }
        for (String id : qb.customerIds()) {
            String root = id;
            while (parents.containsKey(root)) {
                root = parents.get(root);
            }
            if (foreign.contains(root)) {
                qb.setCustomerCurrency(id, other);
            }
        }
    }
}
