package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.qbxml.PaymentRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * Records changed since the watermark (all of them on a first or full pull), paged by a qbXML iterator and
 * written in batches: customers (CustomerQueryRq), invoices (InvoiceQueryRq) or received payments
 * (ReceivePaymentQueryRq, for the balances they move).
 */
final class PullStep<T> extends QueryStep {
    static final String CUSTOMERS = "customers";
    static final String INVOICES = "invoices";
    static final String PAYMENTS = "payments";
    private static final int BATCH = 500;

    /** Writes a batch of records in the caller's transaction. */
    interface Writer<T> {
        /** Returns {inserted, updated, unchanged}. */
        int[] write(SqlSession session, long companyId, List<T> batch, Long seenRunId);

        /** After a full pull: marks what the run did not see as deleted; returns how many. */
        int markUnseenDeleted(SqlSession session, long companyId, long runId);

        /** A writer from its two halves. */
        static <T> Writer<T> of(Batch<T> write, Unseen unseen) {
            return new Writer<>() {
                @Override
                public int[] write(SqlSession session, long companyId, List<T> batch, Long seenRunId) {
                    return write.write(session, companyId, batch, seenRunId);
                }

                @Override
                public int markUnseenDeleted(SqlSession session, long companyId, long runId) {
                    return unseen.mark(session, companyId, runId);
                }
            };
        }

        /** The batch half of a writer. */
        interface Batch<T> {
            int[] write(SqlSession session, long companyId, List<T> batch, Long seenRunId);
        }

        /** The full-pull half of a writer. */
        interface Unseen {
            int mark(SqlSession session, long companyId, long runId);
        }
    }

    private final Class<T> type;
    private final Writer<T> writer;

    PullStep(String name, List<String> dependsOn, String entity, String template, String responseElement,
             Class<T> type, Writer<T> writer) {
        super(name, dependsOn, entity, template, responseElement);
        this.type = type;
        this.writer = writer;
    }




    @Override
    public boolean iterates() {
        return true;
    }



    @Override
    public Map<String, Object> model(Request r) {
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", r.requestId());
        m.put("iterator", r.continuing() ? "Continue" : "Start");
        m.put("iteratorId", r.iteratorId());
        m.put("maxReturned", r.maxReturned());
        m.put("fromModifiedDate", r.from());
        m.put("toModifiedDate", r.to());
        return m;
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            private final List<T> buffer = new ArrayList<>(BATCH);

            @Override
            public void onCustomer(Customer c) {
                if (type == Customer.class) {
                    seen(c.timeModified());
                    add(type.cast(c));
                }
            }

            @Override
            public void onInvoice(Invoice i) {
                if (type == Invoice.class) {
                    seen(i.timeModified());
                    add(type.cast(i));
                }
            }

            @Override
            public void onPayment(PaymentRef p) {
                if (type == PaymentRef.class) {
                    seen(p.timeModified());
                    add(type.cast(p));
                }
            }

            private void add(T record) {
                received++;
                buffer.add(record);
                if (buffer.size() >= BATCH) {
                    flush();
                }
            }

            private void flush() {
                int[] n = writer.write(session, companyId, buffer, fullResync ? runId : null);
                inserted += n[0];
                updated += n[1];
                unchanged += n[2];
                buffer.clear();
            }

            @Override
            void finish() {
                flush();
            }

            @Override
            void afterFullResync() {
                deleted += writer.markUnseenDeleted(session, companyId, runId);
            }
        };
    }
}
