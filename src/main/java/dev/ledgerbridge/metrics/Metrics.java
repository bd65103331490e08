package dev.ledgerbridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics. Meters are looked up in maps keyed by the constant strings callers pass, so recording a
 * call or a response allocates nothing once a meter exists.
 *
 * <p>Names as Prometheus shows them:
 * <ul>
 * <li>{@code ledgerbridge_qbwc_call_seconds_count/_sum/_max{operation, outcome}}: Web Connector calls;
 * <li>{@code ledgerbridge_sync_records_total{entity, change}}: records stored (inserted, updated, unchanged, deleted);
 * <li>{@code ledgerbridge_qbxml_status_total{entity, code}}: qbXML statusCode of each response;
 * <li>{@code ledgerbridge_sync_run_seconds_*{outcome}}: run durations, recorded when a run ends;
 * <li>{@code ledgerbridge_company_last_contact_timestamp_seconds{company}} and
 * {@code ledgerbridge_company_last_success_timestamp_seconds{company}}: read from the database at each scrape, so
 * every instance sharing the database reports the same;
 * <li>{@code ledgerbridge_action_queue_depth{state}}: actions of the action queue per state, read at each scrape;
 * <li>JVM ({@code jvm_*}, {@code process_*}, {@code system_*}) and the connection pool ({@code hikaricp_*}).
 * </ul>
 */
public final class Metrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final JvmGcMetrics gc;
    private final Map<String, Map<String, Timer>> calls = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> records = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Counter>> statuses = new ConcurrentHashMap<>();
    private final Map<String, Timer> runs = new ConcurrentHashMap<>();
    private final MultiGauge lastContact;
    private final MultiGauge lastSuccess;
    private final MultiGauge actionDepth;

    /** Record changes, in the order of {@link #records}. */
    private static final String[] CHANGES = {"inserted", "updated", "unchanged", "deleted"};

    private Metrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, JvmGcMetrics gc) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.gc = gc;
        this.lastContact = MultiGauge.builder("ledgerbridge.company.last.contact.timestamp").baseUnit("seconds")
                .description("When the company's Web Connector last called (Unix time)").register(registry);
        this.lastSuccess = MultiGauge.builder("ledgerbridge.company.last.success.timestamp").baseUnit("seconds")
                .description("When the company's last sync completed (Unix time)").register(registry);
        this.actionDepth = MultiGauge.builder("ledgerbridge.action.queue.depth")
                .description("Actions of the action queue by state, all companies").register(registry);
    }

    /** Metrics for Prometheus, with JVM and process metrics bound. */
    public static Metrics prometheus() {
        PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(p);
        new JvmMemoryMetrics().bindTo(p);
        new JvmThreadMetrics().bindTo(p);
        new ProcessorMetrics().bindTo(p);
        new UptimeMetrics().bindTo(p);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(p);
        return new Metrics(p, p, gc);
    }

    /** Metrics that record nothing (for tools and tests that wire services without a server). */
    public static Metrics discarding() {
        return new Metrics(new CompositeMeterRegistry(), null, null);
    }

    /** The registry, e.g. for HikariCP's pool metrics. */
    public MeterRegistry registry() {
        return registry;
    }

    /** One Web Connector call ({@code operation} as in the WSDL) that took {@code nanos} and ended in {@code outcome}. */
    public void call(String operation, String outcome, long nanos) {
        calls.computeIfAbsent(operation, o -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Timer.builder("ledgerbridge.qbwc.call")
                        .description("Web Connector calls by operation and outcome")
                        .tags("operation", operation, "outcome", outcome).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** What one qbXML response did to the stored records of {@code entity}. */
    public void records(String entity, int inserted, int updated, int unchanged, int deleted) {
        Counter[] c = records.computeIfAbsent(entity, e -> {
            Counter[] made = new Counter[CHANGES.length];
            for (int i = 0; i < CHANGES.length; i++) {
                made[i] = Counter.builder("ledgerbridge.sync.records").description("Records stored by sync runs")
                        .tags("entity", entity, "change", CHANGES[i]).register(registry);
            }
            return made;
        });
        add(c[0], inserted);
        add(c[1], updated);
        add(c[2], unchanged);
        add(c[3], deleted);
    }

    private static void add(Counter c, int n) {
        if (n > 0) {
            c.increment(n);
        }
    }

    /** The statusCode QuickBooks answered a request of {@code entity} with (0 = OK). */
    public void status(String entity, int code) {
        statuses.computeIfAbsent(entity, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, k -> Counter.builder("ledgerbridge.qbxml.status")
                        .description("qbXML status codes of QuickBooks' responses")
                        .tags("entity", entity, "code", Integer.toString(code)).register(registry))
                .increment();
    }

    /** A sync run ended with {@code outcome} (success, failed, interrupted, refused) after {@code duration}. */
    public void runEnded(String outcome, Duration duration) {
        runs.computeIfAbsent(outcome, o -> Timer.builder("ledgerbridge.sync.run")
                .description("Sync runs by outcome, from the first request to the end").tags("outcome", outcome)
                .register(registry)).record(duration.isNegative() ? Duration.ZERO : duration);
    }

    /** The last contact and success of a company, as read from the database. */
    public record CompanyTimes(String company, Instant lastContact, Instant lastSuccess) {
    }

    /** Replaces the per-company gauges (called just before a scrape). */
    public void refresh(List<CompanyTimes> companies) {
        List<MultiGauge.Row<?>> contact = new ArrayList<>();
        List<MultiGauge.Row<?>> success = new ArrayList<>();
        for (CompanyTimes c : companies) {
            if (c.lastContact() != null) {
                contact.add(MultiGauge.Row.of(Tags.of("company", c.company()), c.lastContact().getEpochSecond()));
            }
            if (c.lastSuccess() != null) {
                success.add(MultiGauge.Row.of(Tags.of("company", c.company()), c.lastSuccess().getEpochSecond()));
            }
        }
        lastContact.register(contact, true);
        lastSuccess.register(success, true);
    }

    /** Replaces the action queue's depth by state (called just before a scrape). */
    public void refreshActions(Map<String, Long> byState) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byState.forEach((state, n) -> rows.add(MultiGauge.Row.of(Tags.of("state", state), n)));
        actionDepth.register(rows, true);
    }

    /** The Prometheus text (or OpenMetrics when {@code accept} asks for it), with its content type. */
    public Scrape scrape(String accept) {
        if (prometheus == null) {
            return new Scrape("text/plain; version=0.0.4; charset=utf-8", "");
        }
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        String type = openMetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        return new Scrape(type, prometheus.scrape(type));
    }

    /** A scrape's body and content type. */
    public record Scrape(String contentType, String body) {
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
