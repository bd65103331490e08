package dev.ledgerbridge.sync;

import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.receivable.CreditMemo;
import dev.ledgerbridge.receivable.ReceivedPayment;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;

/**
 * Records changed since the watermark (all of them on a first or full pull), paged by a qbXML iterator and
 * written in batches: customers (CustomerQueryRq), invoices (InvoiceQueryRq), received payments
 * (ReceivePaymentQueryRq) or credit memos (CreditMemoQueryRq).
 */
final class PullStep<T> extends QueryStep {
    static final String CUSTOMERS = "customers";
    static final String INVOICES = "invoices";
    static final String PAYMENTS = "payments";
    static final String CREDIT_MEMOS = "credit-memos";
    private static final int BATCH = 500;

    /** Writes a batch of records in the caller's transaction. */
    interface Writer<T> {
        /** Returns {inserted, updated, unchanged}. */
        int[] write(SqlSession session, long companyId, List<T> batch, long runId, boolean fullResync);

        /** After a full pull: marks what the run did not see as deleted; returns how many. */
        int markUnseenDeleted(SqlSession session, long companyId, long runId);

        /** A writer from its two halves. */
        static <T> Writer<T> of(Batch<T> write, Unseen unseen) {
            return new Writer<>() {
                @Override
                public int[] write(SqlSession session, long companyId, List<T> batch, long runId,
                                   boolean fullResync) {
                    return write.write(session, companyId, batch, runId, fullResync);
                }

                @Override
                public int markUnseenDeleted(SqlSession session, long companyId, long runId) {
                    return unseen.mark(session, companyId, runId);
                }
            };
        }

        /** The batch half of a writer. */
        interface Batch<T> {
            int[] write(SqlSession session, long companyId, List<T> batch, long runId, boolean fullResync);
        }

        /** The full-pull half of a writer. */
        interface Unseen {
            int mark(SqlSession session, long companyId, long runId);
        }
    }

    private final Class<T> type;
    private final Function<T, OffsetDateTime> timeModified;
    private final Writer<T> writer;

    PullStep(String name, List<String> dependsOn, String entity, String template, String responseElement,
             Class<T> type, Function<T, OffsetDateTime> timeModified, Writer<T> writer) {
        super(name, dependsOn, entity, template, responseElement);
        this.type = type;
        this.timeModified = timeModified;
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
                take(c);
            }

            @Override
            public void onInvoice(Invoice i) {
                take(i);
            }

            @Override
            public void onPayment(ReceivedPayment p) {
                take(p);
            }

            @Override
            public void onCreditMemo(CreditMemo c) {
                take(c);
            }

            private void take(Object o) {
                if (type.isInstance(o)) {
                    T record = type.cast(o);
                    seen(timeModified.apply(record));
                    add(record);
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
                int[] n = writer.write(session, companyId, buffer, runId, fullResync);
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
