package dev.ledgerbridge.sync;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.QuickBooksWork;
import dev.ledgerbridge.company.CompanyMapper;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.receivable.CreditMemo;
import dev.ledgerbridge.receivable.ReceivableStore;
import dev.ledgerbridge.receivable.ReceivedPayment;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.metrics.Metrics;
import dev.ledgerbridge.qbxml.QbxmlParseException;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import dev.ledgerbridge.qbxml.QbxmlResponseReader;
import dev.ledgerbridge.qbxml.RsStatus;
import java.io.StringReader;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner: decides which qbXML request a run sends next, applies each response, advances watermarks
 * and reports honest progress. Everything it knows lives in the sync_run and sync_step rows, so any server
 * instance can answer any call and a restart loses nothing.
 */
public final class SyncService {
    private static final Logger log = LoggerFactory.getLogger(SyncService.class);
    private static final DateTimeFormatter QB_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final Duration PROCESSING_LEASE = Duration.ofMinutes(2);
    private static final Duration DST_GUARD = Duration.ofHours(1);
    private static final int ITERATOR_RESTARTS = 3;

    private final Database db;
    private final QbxmlRenderer renderer;
    private final QbxmlResponseReader reader;
    private final Clock clock;
    private final int maxReturned;
    private final Duration overlap;
    private final Optional<ZoneId> companyZone;
    private final int maxRecordsPerCycle;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Metrics metrics;
    private final ActionQueue actions;
    private final QuickBooksWork actionWork;

    /**
     * The planner over these stores, with the action queue's write-backs and re-syncs as the last step of every run,
     * taken through {@code actionWork} (none when {@code actions} is null); records, qbXML status codes and run
     * durations are counted into {@code metrics}.
     */
    public SyncService(Database db, QbxmlRenderer renderer, CustomerStore customers, InvoiceStore invoices,
                       ReceivableStore receivables, Config config, Clock clock, Metrics metrics, ActionQueue actions,
                       QuickBooksWork actionWork) {
        this.db = db;
        this.actions = actions;
        this.actionWork = actionWork;
        this.metrics = metrics;
        this.renderer = renderer;
        this.clock = clock;
        this.maxReturned = config.maxReturned();
        this.overlap = config.syncOverlap();
        this.companyZone = config.companyZone();
        this.maxRecordsPerCycle = config.getInt(dev.ledgerbridge.config.Setting.SYNC_MAX_RECORDS_PER_CYCLE);
        this.reader = new QbxmlResponseReader(companyZone.orElse(ZoneOffset.UTC));
        RefreshQueue refresh = new RefreshQueue(clock);
        Records records = new Records(customers, invoices, receivables, refresh, overlap);
        List<String> afterCustomers = List.of(PullStep.CUSTOMERS);
        List<String> afterInvoices = List.of(PullStep.INVOICES);
        // the plan of every run, in order: the transactions first, then the customers, so that the balance a
        // customer is read with already counts every invoice, payment and credit memo this run pulled (a customer the
        // pull returns needs no balance read of its own; an invoice may name a customer not stored yet, and joins it
        // when it arrives); then deletions, the daily proof, what all of those queued to be read again by ID, and
        // the balances of customers the customer pull did not return, last
        List<Step> plan = new ArrayList<>(List.of(
                new CurrencyStep(clock),
                new PullStep<>(PullStep.INVOICES, List.of(), "invoice", QbxmlRenderer.INVOICE_QUERY,
                        "InvoiceQueryRs", Invoice.class, Invoice::timeModified, records.invoiceWriter()),
                new PullStep<>(PullStep.PAYMENTS, List.of(), "payment", QbxmlRenderer.PAYMENT_QUERY,
                        "ReceivePaymentQueryRs", ReceivedPayment.class, ReceivedPayment::timeModified,
                        records.paymentWriter()),
                new PullStep<>(PullStep.CREDIT_MEMOS, List.of(), "credit-memo", QbxmlRenderer.CREDIT_MEMO_QUERY,
                        "CreditMemoQueryRs", CreditMemo.class, CreditMemo::timeModified, records.creditMemoWriter()),
                new PullStep<>(PullStep.CUSTOMERS, List.of(), "customer", QbxmlRenderer.CUSTOMER_QUERY,
                        "CustomerQueryRs", Customer.class, Customer::timeModified, records.customerWriter()),
                new DeletionsStep(DeletionsStep.CUSTOMER_DELETES, afterCustomers, "customer-deleted",
                        QbxmlRenderer.CUSTOMER_DELETED_QUERY, "ListDeletedQueryRs", "Customer",
                        records::customerDeleted),
                new DeletionsStep(DeletionsStep.INVOICE_DELETES, afterInvoices, "invoice-deleted",
                        QbxmlRenderer.TXN_DELETED_QUERY, "TxnDeletedQueryRs", "Invoice", records::invoiceDeleted),
                new DeletionsStep(DeletionsStep.PAYMENT_DELETES, List.of(PullStep.PAYMENTS), "payment-deleted",
                        QbxmlRenderer.TXN_DELETED_QUERY, "TxnDeletedQueryRs", "ReceivePayment",
                        records::paymentDeleted),
                new DeletionsStep(DeletionsStep.CREDIT_MEMO_DELETES, List.of(PullStep.CREDIT_MEMOS),
                        "credit-memo-deleted", QbxmlRenderer.TXN_DELETED_QUERY, "TxnDeletedQueryRs", "CreditMemo",
                        records::creditMemoDeleted),
                new VerifyStep(List.of(PullStep.CUSTOMERS, PullStep.INVOICES, PullStep.PAYMENTS, PullStep.CREDIT_MEMOS,
                        DeletionsStep.CUSTOMER_DELETES, DeletionsStep.INVOICE_DELETES, DeletionsStep.PAYMENT_DELETES,
                        DeletionsStep.CREDIT_MEMO_DELETES), customers, invoices, records, config.syncVerifyInterval(),
                        clock),
                new InvoiceRefreshStep(records, afterInvoices, clock),
                new PaymentRefreshStep(records, List.of(PullStep.CUSTOMERS, PullStep.INVOICES, PullStep.PAYMENTS), clock),
                new CustomerRefreshStep(records, customers, afterCustomers),
                new BalanceStep(customers, refresh)));
        if (actions != null) {
            plan.add(new ActionStep(actionWork, customers, refresh));
        }
        for (Step s : plan) {
            steps.put(s.name(), s);
        }
    }

    /** What the Web Connector should do next. */
    public sealed interface Next permits Next.Send, Next.Wait, Next.Finished {
        /** Send this qbXML request to QuickBooks. */
        record Send(String qbxml) implements Next {
        }

        /** Nothing to send yet: ask again shortly (NoOp). */
        record Wait() implements Next {
        }

        /** The run is over; {@code error} says why when it did not succeed. */
        record Finished(String error) implements Next {
        }
    }

    /** The answer to a response: a percentage 0..100, or a negative value with an error to show. */
    public record Progress(int percent, String error) {
        public boolean failed() {
            return percent < 0;
        }
    }

    // ---- run lifecycle ---------------------------------------------------------------------------------

    /** Opens a run for the company with every step planned; steps whose entity has a re-sync request pull everything. */
    public long startRun(long companyId, String qbxmlVersion) {
        Instant now = clock.instant();
        return db.transaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            // the currency list is read only from a file with multicurrency on
            boolean multicurrency = s.getMapper(CompanyMapper.class).multicurrency(companyId);
            List<Step> plan = steps.values().stream()
                    .filter(step -> multicurrency || !CurrencyStep.NAME.equals(step.name())).toList();
            SyncMapper.NewRun row = new SyncMapper.NewRun(companyId, now, qbxmlVersion,
                    String.join(",", plan.stream().map(Step::name).toList()));
            m.insertRun(row);
            int position = 0;
            for (Step step : plan) {
                Watermark w = m.watermark(companyId, step.entity());
                boolean full = w != null && w.resyncRequested();
                m.insertStep(new SyncStepRow(row.id, step.name(), position++, SyncStepRow.PENDING, full, 0, 0, 0, 0, 0,
                        0, 0, 0, null, null, null, null, null));
            }
            s.commit();
            return row.id;
        });
    }

    /** Ends a run that will not go on (the company file was refused, QuickBooks could not be opened ...). */
    public void fail(long runId, String outcome, String error, String hresult) {
        db.inTransaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            endRun(m, runId, outcome, error, hresult);
            s.commit();
        });
    }

    /** Called when the Web Connector closes the session: a run still going is recorded as interrupted. */
    public String close(long runId) {
        return db.transaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            SyncRun run = m.findRun(runId);
            if (run == null) {
                return "OK";
            }
            if (!run.finished()) {
                endRun(m, runId, SyncRun.INTERRUPTED, "The Web Connector ended the session before the sync finished;"
                        + " the next run continues where this one stopped.", null);
                s.commit();
                run = m.findRun(runId);
            }
            String summary = summary(run, m.steps(runId));
            String actionsDone = actions == null ? "" : actions.runSummary(s, runId);
            return actionsDone.isEmpty() ? summary : summary + "; " + actionsDone;
        });
    }

    /** Asks the next run of the company to pull every record of the entity ("customer") again. */
    public void requestResync(long companyId, String entity) {
        db.inTransaction(s -> {
            s.getMapper(SyncMapper.class).requestResync(companyId, entity, clock.instant());
            s.commit();
        });
    }

    /** When a full re-sync of the entity was asked for and no run has done it yet; empty when none is pending. */
    public Optional<Instant> resyncPending(long companyId, String entity) {
        return db.transaction(s -> {
            Watermark w = s.getMapper(SyncMapper.class).watermark(companyId, entity);
            return w != null && w.resyncRequested() ? Optional.ofNullable(w.resyncRequestedAt()) : Optional.empty();
        });
    }

    /** When the company's mirror was last proved equal to QuickBooks, and what that verification checked and corrected. */
    public Optional<VerifyMapper.Verification> lastVerification(long companyId) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(VerifyMapper.class).find(companyId))
                    .filter(v -> v.lastVerifiedAt() != null);
        });
    }

    public Optional<SyncRun> run(long runId) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(SyncMapper.class).findRun(runId));
        });
    }

    public List<SyncRun> recentRuns(long companyId, int limit) {
        return db.transaction(s -> {
            return s.getMapper(SyncMapper.class).recentRuns(companyId, limit);
        });
    }

    public List<SyncStepRow> steps(long runId) {
        return db.transaction(s -> {
            return s.getMapper(SyncMapper.class).steps(runId);
        });
    }

    // ---- the exchange ------------------------------------------------------------------------------------

    /** The request to send next (sendRequestXML). */
    public Next next(long runId) {
        Instant now = clock.instant();
        return db.transaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            SyncRun run = m.lockRun(runId);
            if (run == null) {
                return new Next.Finished("This sync run no longer exists.");
            }
            if (run.finished()) {
                return new Next.Finished(SyncRun.SUCCESS.equals(run.outcome()) ? null : run.error());
            }
            if (run.processingUntil() != null && run.processingUntil().isAfter(now)) {
                return new Next.Wait();
            }
            List<SyncStepRow> rows = m.steps(runId);
            SyncStepRow current = find(rows, run.currentStep());
            Cursor c = new Cursor(run);
            if (current != null && run.awaitingRequestId() != null) {
                // a request went out and its answer never came: QuickBooks may or may not have moved the
                // iterator on, so the step starts its query again (what was stored stays; repeats are skipped)
                log.info("run {}: no response came for request {}; restarting step {}", runId, run.awaitingRequestId(),
                        current.step());
                c.iteratorId = null;
                c.iteratorRemaining = null;
            }
            if (current == null) {
                current = pickNext(s, m, run.companyId(), rows);
                if (current == null) {
                    Progress p = finish(s, m, run, m.steps(runId));
                    s.commit();
                    return new Next.Finished(p.failed() ? p.error() : null);
                }
                c.resetStep(current.step());
            }
            Step step = steps.get(current.step());
            String requestId = runId + "-" + (run.requestSeq() + 1);
            String from = from(m, run.companyId(), step, current.fullResync());
            String to = c.windowTo == null ? null : OffsetDateTime.ofInstant(c.windowTo,
                    ZoneOffset.ofTotalSeconds((c.windowToOffset == null ? 0 : c.windowToOffset) * 60)).format(QB_DATETIME);
            String qbxml = step.render(renderer, run.qbxmlVersion(),
                    new Step.Request(requestId, c.iteratorId, maxReturned, from, to), s, run.companyId(), runId);
            c.awaitingRequestId = requestId;
            c.requestSeq = run.requestSeq() + 1;
            m.updateCursor(c.toRun());
            m.updateStep(current.requested(now));
            s.commit();
            return new Next.Send(qbxml);
        });
    }

    /** Applies QuickBooks' response to the request sent last (receiveResponseXML). */
    public Progress receive(long runId, String response) {
        long started = System.nanoTime();
        Object claimed = db.transaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            SyncRun locked = m.lockRun(runId);
            if (locked == null || locked.finished()) {
                return locked == null ? new Progress(-1, "This sync run no longer exists.") : progressOf(locked);
            }
            if (locked.awaitingRequestId() == null || locked.currentStep() == null) {
                log.warn("run {}: a response arrived with no request outstanding; ignored", runId);
                return progress(runId);
            }
            m.setProcessing(runId, clock.instant().plus(PROCESSING_LEASE));
            return locked;
        });
        if (claimed instanceof Progress early) {
            return early;
        }
        SyncRun run = (SyncRun) claimed;
        boolean[] released = {false};
        try {
            return apply(run, response == null ? "" : response, started, released);
        } finally {
            if (!released[0]) {
                db.inTransaction(s -> {
                    s.getMapper(SyncMapper.class).setProcessing(runId, null);
                    s.commit();
                });
            }
        }
    }

    /**
     * Stores a response and moves the run on. On the ordinary path the records, the cursor, the next step and the
     * end of the processing lease go to the database in one transaction ({@code released} is then set).
     */
    private Progress apply(SyncRun run, String response, long started, boolean[] released) {
        Step step = steps.get(run.currentStep());
        return db.batchTransaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            SyncStepRow row = find(m.steps(run.id()), run.currentStep());
            Step.Work w = step.work(s, run.companyId(), run.id(), row.fullResync());
            w.response = response;
            String problem = null;
            try {
                reader.read(new StringReader(response), w);
                w.finish();
            } catch (QbxmlParseException e) {
                problem = "QuickBooks sent a response that could not be read (" + e.getMessage() + ")."
                        + " The next run tries again.";
            }
            if (problem == null && w.status == null) {
                problem = "QuickBooks returned no answer to the " + step.name() + " request. The next run tries again.";
            }
            if (problem == null && (!step.answeredBy(w.status.element())
                    || !run.awaitingRequestId().equals(w.status.requestId()))) {
                problem = "QuickBooks answered a different request (" + w.status.element() + " "
                        + w.status.requestId() + ") than the one sent (" + run.awaitingRequestId() + ").";
            }
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            Cursor c = new Cursor(run);
            c.awaitingRequestId = null;
            if (problem != null) {
                s.rollback();
                failStep(m, c, row, problem, null, response.length(), elapsed, null);
                s.commit();
                return afterStep(run.id());
            }
            RsStatus st = w.status;
            metrics.status(step.entity(), st.statusCode());
            String codes = addCode(row.statusCodes(), st.statusCode());
            if (st.error() && !step.accepts(st.statusCode())) {
                s.rollback();
                if (st.statusCode() == 3391 && count(codes, 3391) <= ITERATOR_RESTARTS) {
                    log.info("run {}: iterator expired (3391); step {} starts its query again", run.id(), row.step());
                    c.iteratorId = null;
                    c.iteratorRemaining = null;
                    m.updateCursor(c.toRun());
                    m.updateStep(row.plus(row.state(), 0, 0, 0, 0, 0, response.length(), elapsed, codes));
                    s.commit();
                    return progress(run.id());
                }
                failStep(m, c, row, Problems.forStatus(row.step(), st.statusCode(), st.message()), null,
                        response.length(), elapsed, codes);
                s.commit();
                return afterStep(run.id());
            }
            if (st.warning()) {
                log.warn("run {}: QuickBooks warned on {} (status {}: {})", run.id(), row.step(), st.statusCode(),
                        st.message());
            }
            c.recordsReceived += w.received;
            c.recordsInserted += w.inserted;
            c.recordsUpdated += w.updated;
            c.recordsDeleted += w.deleted;
            c.stepPages++;
            c.seen(w.maxTime == null ? null : w.maxTime.toInstant(),
                    w.maxTime == null ? null : w.maxTime.getOffset().getTotalSeconds() / 60);
            boolean iteratorLeft = st.iteratorId() != null && st.iteratorRemainingCount() != null
                    && st.iteratorRemainingCount() > 0;
            boolean more = step.iterates()
                    ? iteratorLeft || step.continues(s, run.companyId(), run.id())
                    : step.more(s, run.companyId(), run.id());
            String state = row.state();
            String note = null;
            int deleted = w.deleted;
            boolean narrowed = iteratorLeft && step.iterates() && run.iteratorId() == null && !row.fullResync()
                    && narrow(c, w, run.recordsReceived(), st.iteratorRemainingCount());
            if (narrowed) {
                // the pull is larger than this run may take: start again on a window that fits
                c.iteratorId = null;
                c.iteratorRemaining = null;
            } else if (more && step.iterates() && !iteratorLeft) {
                // the step's next query: a new iterator
                c.iteratorId = null;
                c.iteratorRemaining = null;
            } else if (more) {
                c.iteratorId = st.iteratorId();
                c.iteratorRemaining = st.iteratorRemainingCount();
            } else if (c.windowTo != null) {
                // a window of a split pull is complete: everything modified up to its end is stored
                advanceWatermark(m, run.companyId(), step.entity(), c.windowTo, c.windowToOffset);
                c.resetStep(row.step());
                if (maxRecordsPerCycle > 0 && c.recordsReceived >= maxRecordsPerCycle) {
                    state = SyncStepRow.HELD;
                    note = "Continues on the next run: this run reached sync.max.records.per.cycle ("
                            + maxRecordsPerCycle + " records).";
                    c.currentStep = null;
                }
            } else {
                if (row.fullResync()) {
                    int before = w.deleted;
                    w.afterFullResync();
                    deleted = w.deleted;
                    c.recordsDeleted += w.deleted - before;
                    m.clearResync(run.companyId(), step.entity(), run.startedAt());
                }
                advanceWatermark(m, run.companyId(), step.entity(), c.stepMaxModified, c.stepMaxOffset);
                state = SyncStepRow.DONE;
                c.currentStep = null;
                c.iteratorId = null;
                c.iteratorRemaining = null;
            }
            m.updateCursor(c.toRun());
            SyncStepRow updated = row.plus(state, w.received, w.inserted, w.updated, w.unchanged, deleted,
                    response.length(), elapsed, codes);
            if (note != null) {
                updated = updated.withState(state, note);
            }
            if (!updated.open()) {
                updated = updated.ended(clock.instant(), null);
            }
            m.updateStep(updated);
            Progress next = afterStep(s, m, run.id());
            m.setProcessing(run.id(), null);
            s.commit();
            released[0] = true;
            metrics.records(step.entity(), w.inserted, w.updated, w.unchanged, deleted);
            return next;
        });
    }

    /**
     * With a cap on records per run: when the first page of a pull says the pull holds more than the run may
     * still take, sets an upper TimeModified bound that lets about that many through, taken from the page's own
     * TimeModified values (QuickBooks returns them in no promised order, so the page is a sample). Returns false
     * when no narrower bound can be found (e.g. all at the same second): the pull then goes on whole.
     */
    private boolean narrow(Cursor c, Step.Work w, int receivedBefore, int remaining) {
        if (maxRecordsPerCycle <= 0 || w.times.isEmpty()) {
            return false;
        }
        long total = (long) w.received + remaining;
        long allowed = Math.max(maxReturned, maxRecordsPerCycle - receivedBefore);
        // a window already chosen from a sample is kept unless the sample misled badly, so narrowing cannot spiral
        if (total <= allowed || (c.windowTo != null && total <= 2 * allowed)) {
            return false;
        }
        List<OffsetDateTime> sample = new ArrayList<>(w.times);
        boolean inTimeOrder = true;
        for (int i = 1; i < sample.size() && inTimeOrder; i++) {
            inTimeOrder = !sample.get(i).toInstant().isBefore(sample.get(i - 1).toInstant());
        }
        sample.sort(java.util.Comparator.comparing(OffsetDateTime::toInstant));
        Instant first = sample.get(0).toInstant();
        Instant last = sample.get(sample.size() - 1).toInstant();
        Instant bound;
        ZoneOffset offset = sample.get(sample.size() - 1).getOffset();
        if (inTimeOrder) {
            // the page is the oldest part of the pull: extend its time span in proportion
            long span = Duration.between(first, last).getSeconds();
            bound = first.plusSeconds(Math.max(1, span * allowed / Math.max(1, w.received)));
        } else {
            // the page is spread over the pull: take the share of it that fits
            int k = (int) Math.min(sample.size() - 1, Math.max(0, (sample.size() * allowed) / total - 1));
            bound = sample.get(k).toInstant();
            offset = sample.get(k).getOffset();
        }
        if (c.windowTo != null && !bound.isBefore(c.windowTo)) {
            return false;
        }
        if (!inTimeOrder && bound.equals(last)) {
            return false;
        }
        c.windowTo = bound;
        c.windowToOffset = offset.getTotalSeconds() / 60;
        return true;
    }

    /** The Web Connector could not hand the request to QuickBooks, or QuickBooks threw (hresult set). */
    public Progress transportError(long runId, String hresult, String message) {
        String text = Problems.forHresult(hresult, message);
        db.inTransaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            SyncRun run = m.lockRun(runId);
            if (run != null && !run.finished()) {
                SyncStepRow row = find(m.steps(runId), run.currentStep());
                Cursor c = new Cursor(run);
                c.awaitingRequestId = null;
                if (row != null) {
                    failStep(m, c, row, text, hresult, 0, 0, row.statusCodes());
                }
                endRun(m, runId, SyncRun.FAILED, text, hresult);
            }
        });
        return new Progress(-1, text);
    }

    // ---- planning helpers --------------------------------------------------------------------------------

    /**
     * The first pending step whose dependencies completed; on the way, steps behind a failed or held one are
     * held and steps with nothing to do are done.
     */
    private SyncStepRow pickNext(SqlSession s, SyncMapper m, long companyId, List<SyncStepRow> rows) {
        Map<String, String> states = new LinkedHashMap<>();
        rows.forEach(r -> states.put(r.step(), r.state()));
        for (SyncStepRow r : rows) {
            if (!SyncStepRow.PENDING.equals(r.state())) {
                continue;
            }
            Step step = steps.get(r.step());
            String blocker = null;
            for (String dep : step.dependsOn()) {
                String d = states.get(dep);
                if (SyncStepRow.FAILED.equals(d) || SyncStepRow.HELD.equals(d)) {
                    blocker = dep;
                }
            }
            if (blocker != null) {
                states.put(r.step(), SyncStepRow.HELD);
                m.updateStep(r.withState(SyncStepRow.HELD, "Held: it depends on " + blocker
                        + ", which did not complete in this run. The next run tries again.").ended(clock.instant(), null));
                continue;
            }
            if (!step.hasWork(s, companyId, r.runId())) {
                states.put(r.step(), SyncStepRow.DONE);
                m.updateStep(r.withState(SyncStepRow.DONE, null).ended(clock.instant(), null));
                continue;
            }
            return r;
        }
        return null;
    }

    private void failStep(SyncMapper m, Cursor c, SyncStepRow row, String error, String hresult, long bytes,
                          long elapsed, String codes) {
        log.warn("run {}: step {} failed: {}", row.runId(), row.step(), error);
        c.currentStep = null;
        c.iteratorId = null;
        c.iteratorRemaining = null;
        c.error = c.error == null ? error : c.error;
        m.updateCursor(c.toRun());
        m.updateStep(row.plus(SyncStepRow.FAILED, 0, 0, 0, 0, 0, bytes, elapsed, codes).withState(SyncStepRow.FAILED, error)
                .ended(clock.instant(), hresult));
    }

    /** After a step moved on: the progress, or — when nothing is left — the end of the run. */
    private Progress afterStep(long runId) {
        return db.transaction(s -> {
            Progress p = afterStep(s, s.getMapper(SyncMapper.class), runId);
            s.commit();
            return p;
        });
    }

    /** As {@link #afterStep(long)}, in the caller's transaction. */
    private Progress afterStep(SqlSession s, SyncMapper m, long runId) {
        SyncRun run = m.lockRun(runId);
        List<SyncStepRow> rows = m.steps(runId);
        if (run.currentStep() == null) {
            if (pickNext(s, m, run.companyId(), rows) == null) {
                return finish(s, m, run, m.steps(runId));
            }
            rows = m.steps(runId);
        }
        int p = Math.max(run.lastPercent(), percent(run, rows));
        m.raisePercent(runId, p);
        return new Progress(p, null);
    }

    private Progress finish(SqlSession s, SyncMapper m, SyncRun run, List<SyncStepRow> rows) {
        String error = rows.stream().filter(r -> SyncStepRow.FAILED.equals(r.state())).map(SyncStepRow::error)
                .findFirst().orElse(null);
        String outcome = error == null ? SyncRun.SUCCESS : SyncRun.FAILED;
        endRun(m, run.id(), outcome, error, null);
        if (error == null) {
            s.getMapper(CompanyMapper.class).recordSuccess(run.companyId(), clock.instant());
        }
        return error == null ? new Progress(100, null) : new Progress(-1, error);
    }

    /**
     * The one way a run ends: its outcome recorded (once; a run already ended stays as it was), the steps it never
     * finished held with the reason, and its duration counted in the metrics.
     */
    private void endRun(SyncMapper m, long runId, String outcome, String error, String hresult) {
        Instant now = clock.instant();
        SyncRun before = m.findRun(runId);
        if (before == null || before.finished()) {
            return;
        }
        m.finishRun(runId, outcome, error, hresult, now);
        m.holdOpenSteps(runId, "Not run: the run ended (" + outcome + ") before this step finished. The next run"
                + " takes it up.", now);
        SyncRun r = m.findRun(runId);
        if (r != null) {
            metrics.runEnded(outcome, Duration.between(r.startedAt(), now));
        }
    }

    private Progress progress(long runId) {
        return db.transaction(s -> {
            SyncMapper m = s.getMapper(SyncMapper.class);
            SyncRun run = m.findRun(runId);
            if (run.finished()) {
                return progressOf(run);
            }
            int p = Math.max(run.lastPercent(), percent(run, m.steps(runId)));
            m.raisePercent(runId, p);
            s.commit();
            return new Progress(p, null);
        });
    }

    private static Progress progressOf(SyncRun run) {
        return SyncRun.SUCCESS.equals(run.outcome()) ? new Progress(100, null)
                : run.finished() ? new Progress(-1, run.error() == null ? "The sync did not finish." : run.error())
                : new Progress(0, null);
    }

    /**
     * Progress in units of requests (the caller never lets it go backwards, e.g. when an expired iterator
     * restarts a step): finished steps count what they took, the current step its pages
     * so far plus the pages its iterator still holds, each step not yet started one request. 100 only at the end.
     */
    int percent(SyncRun run, List<SyncStepRow> rows) {
        long done = 0;
        long total = 0;
        for (SyncStepRow r : rows) {
            if (r.step().equals(run.currentStep())) {
                long pages = run.stepPages();
                long left = run.iteratorRemaining() == null ? 1 : (run.iteratorRemaining() + maxReturned - 1) / maxReturned;
                done += pages;
                total += pages + Math.max(left, 1);
            } else if (r.open()) {
                total += 1;
            } else {
                long n = Math.max(r.requests(), 1);
                done += n;
                total += n;
            }
        }
        if (total == 0) {
            return 99;
        }
        return (int) Math.min(99, Math.max(0, 100 * done / total));
    }

    /** The FromModifiedDate / FromDeletedDate of a step: its watermark less the overlap, in QuickBooks' terms. */
    private String from(SyncMapper m, long companyId, Step step, boolean fullResync) {
        if (fullResync) {
            return null;
        }
        Watermark w = m.watermark(companyId, step.entity());
        if (w == null || w.watermark() == null) {
            return null;
        }
        return formatFrom(w.watermark(), w.watermarkOffset());
    }

    String formatFrom(Instant watermark, Integer offsetMinutes) {
        Instant from = watermark.minus(overlap);
        ZoneOffset offset;
        if (companyZone.isPresent()) {
            offset = companyZone.get().getRules().getOffset(from);
        } else {
            // without the company's zone we cannot know whether a daylight-saving change happened since
            // QuickBooks wrote this offset: start an hour earlier so no record can fall between
            from = from.minus(DST_GUARD);
            offset = ZoneOffset.ofTotalSeconds((offsetMinutes == null ? 0 : offsetMinutes) * 60);
        }
        return OffsetDateTime.ofInstant(from, offset).format(QB_DATETIME);
    }

    private void advanceWatermark(SyncMapper m, long companyId, String entity, Instant max, Integer offset) {
        if (max == null) {
            return;
        }
        Watermark w = m.watermark(companyId, entity);
        if (w != null && w.watermark() != null && !max.isAfter(w.watermark())) {
            return;
        }
        m.saveWatermark(companyId, entity, max, offset, clock.instant());
    }

    private String summary(SyncRun run, List<SyncStepRow> rows) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        StringBuilder b = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (String[] kind : new String[][] {{PullStep.CUSTOMERS, DeletionsStep.CUSTOMER_DELETES, "customer"},
                {PullStep.INVOICES, DeletionsStep.INVOICE_DELETES, "invoice"}}) {
            SyncStepRow pull = find(rows, kind[0]);
            SyncStepRow deletes = find(rows, kind[1]);
            int changed = pull == null ? 0 : pull.inserted() + pull.updated();
            int removed = (pull == null ? 0 : pull.deleted()) + (deletes == null ? 0 : deletes.deleted());
            if (changed > 0) {
                parts.add(n.format(changed) + " " + kind[2] + (changed == 1 ? "" : "s"));
            }
            if (removed > 0) {
                parts.add(n.format(removed) + " " + kind[2] + (removed == 1 ? "" : "s") + " deleted");
            }
        }
        boolean continues = rows.stream().anyMatch(r -> SyncStepRow.HELD.equals(r.state()) && r.error() != null
                && r.error().startsWith("Continues on the next run"));
        if (SyncRun.SUCCESS.equals(run.outcome()) && continues) {
            b.append("Synced ").append(parts.isEmpty() ? "part" : String.join(", ", parts))
                    .append("; more follows on the next run");
        } else if (SyncRun.SUCCESS.equals(run.outcome())) {
            b.append(parts.isEmpty() ? "Up to date: nothing changed in QuickBooks" : "Synced " + String.join(", ", parts));
        } else if (!parts.isEmpty()) {
            b.append("Synced ").append(String.join(", ", parts));
        }
        if (!SyncRun.SUCCESS.equals(run.outcome())) {
            b.append(b.length() == 0 ? "" : "; ").append(SyncRun.INTERRUPTED.equals(run.outcome())
                    ? "sync interrupted, the next run continues" : "finished with errors, see Ledgerbridge's sync status");
        }
        return b.toString();
    }

    // ---- small value helpers -------------------------------------------------------------------------

    private static SyncStepRow find(List<SyncStepRow> rows, String name) {
        if (name == null) {
            return null;
        }
        for (SyncStepRow r : rows) {
            if (r.step().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private static String addCode(String codes, int code) {
        Map<Integer, Integer> counts = new TreeMap<>();
        if (codes != null && !codes.isBlank()) {
            for (String part : codes.split(",")) {
                String[] kv = part.split(":");
                counts.put(Integer.parseInt(kv[0]), Integer.parseInt(kv[1]));
            }
        }
        counts.merge(code, 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + ":" + v));
        return String.join(",", parts);
    }

    private static int count(String codes, int code) {
        for (String part : codes.split(",")) {
            String[] kv = part.split(":");
            if (Integer.parseInt(kv[0]) == code) {
                return Integer.parseInt(kv[1]);
            }
        }
        return 0;
    }

    /** The mutable copy of a run's cursor while one call works on it. */
    private static final class Cursor {
        final SyncRun run;
        String currentStep;
        String iteratorId;
        Integer iteratorRemaining;
        String awaitingRequestId;
        int requestSeq;
        Instant stepMaxModified;
        Integer stepMaxOffset;
        int stepPages;
        Instant windowTo;
        Integer windowToOffset;
        int recordsReceived;
        int recordsInserted;
        int recordsUpdated;
        int recordsDeleted;
        String error;

        Cursor(SyncRun r) {
            run = r;
            currentStep = r.currentStep();
            iteratorId = r.iteratorId();
            iteratorRemaining = r.iteratorRemaining();
            awaitingRequestId = r.awaitingRequestId();
            requestSeq = r.requestSeq();
            stepMaxModified = r.stepMaxModified();
            stepMaxOffset = r.stepMaxOffset();
            stepPages = r.stepPages();
            windowTo = r.windowTo();
            windowToOffset = r.windowToOffset();
            recordsReceived = r.recordsReceived();
            recordsInserted = r.recordsInserted();
            recordsUpdated = r.recordsUpdated();
            recordsDeleted = r.recordsDeleted();
            error = r.error();
        }

        void resetStep(String step) {
            currentStep = step;
            iteratorId = null;
            iteratorRemaining = null;
            stepMaxModified = null;
            stepMaxOffset = null;
            stepPages = 0;
            windowTo = null;
            windowToOffset = null;
        }

        void seen(Instant t, Integer offset) {
            if (t != null && (stepMaxModified == null || t.isAfter(stepMaxModified))) {
                stepMaxModified = t;
                stepMaxOffset = offset;
            }
        }

        SyncRun toRun() {
            return new SyncRun(run.id(), run.companyId(), run.startedAt(), run.endedAt(), run.outcome(), error,
                    run.hresult(), run.qbxmlVersion(), run.plan(), currentStep, iteratorId, iteratorRemaining,
                    awaitingRequestId, requestSeq, stepMaxModified, stepMaxOffset, stepPages, windowTo, windowToOffset,
                    run.lastPercent(), null,
                    recordsReceived,
                    recordsInserted, recordsUpdated, recordsDeleted);
        }
    }
}
