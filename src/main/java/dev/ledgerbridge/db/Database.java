package dev.ledgerbridge.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the rest of the server sees it: the embedded MariaDB (or an external one from
 * {@code db.url}), a HikariCP pool, the Flyway migrations applied, and one MyBatis session factory with every
 * mapper registered. Open one {@link SqlSession} per unit of work, commit explicitly, close it.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final EmbeddedMariaDb embedded;
    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;

    private Database(EmbeddedMariaDb embedded, HikariDataSource dataSource, SqlSessionFactory sessions) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    /**
     * Starts the database of the configuration, migrates it and registers the given mapper interfaces (each
     * with its XML beside it on the classpath).
     */
    public static Database open(Config config, List<Class<?>> mappers) {
        EmbeddedMariaDb embedded = config.embeddedDatabase() ? EmbeddedMariaDb.start(config.dataDir()) : null;
        HikariDataSource ds = null;
        try {
            HikariConfig hc = new HikariConfig();
            if (embedded != null) {
                hc.setJdbcUrl(embedded.jdbcUrl());
                hc.setUsername(embedded.user());
                hc.setPassword(embedded.password());
            } else {
                hc.setJdbcUrl(config.get(Setting.DB_URL));
                if (!config.get(Setting.DB_USER).isEmpty()) {
                    hc.setUsername(config.get(Setting.DB_USER));
                }
                if (!config.get(Setting.DB_PASSWORD).isEmpty()) {
                    hc.setPassword(config.get(Setting.DB_PASSWORD));
                }
            }
            hc.setPoolName("ledgerbridge");
            hc.setMaximumPoolSize(config.getInt(Setting.DB_POOL_SIZE));
            hc.setMinimumIdle(1);
            hc.setAutoCommit(false);
            hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            hc.setConnectionInitSql("SET time_zone = '+00:00'");
            hc.setInitializationFailTimeout(30_000);
            ds = new HikariDataSource(hc);
            if (galera(ds)) {
                // every read waits until this node has applied what the cluster committed before it: a Web Connector
                // call or a page served by another instance on another node sees what the last one wrote
                ds.close();
                hc.setConnectionInitSql("SET time_zone = '+00:00', wsrep_sync_wait = 1");
                ds = new HikariDataSource(hc);
                log.info("the database is a Galera cluster node; reads wait for the cluster (wsrep_sync_wait = 1)");
            }
            HikariDataSource migrated = ds;
            MigrationLock.around(ds, () -> migrate(migrated));
            return new Database(embedded, ds, sessionFactory(ds, mappers));
        } catch (RuntimeException e) {
            if (ds != null) {
                ds.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (e instanceof DatabaseException) {
                throw e;
            }
            throw new DatabaseException("cannot open the database: " + rootMessage(e), e);
        }
    }

    private static boolean onlyMigrationLock(DataSource ds) {
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT GROUP_CONCAT(table_name) FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE()")) {
            return rs.next() && "migration_lock".equalsIgnoreCase(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("cannot list the database's tables: " + e.getMessage(), e);
        }
    }

    /** Whether the server is a node of a running Galera cluster. */
    static boolean galera(DataSource ds) {
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("cannot read the database's settings: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    static void migrate(DataSource ds) {
        var result = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                // a database that holds nothing but the migration lock's table is empty: Flyway starts it from
                // version 0 instead of refusing a schema with a table and no migration history
                .baselineOnMigrate(onlyMigrationLock(ds))
                .baselineVersion("0")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("database migrated to version {} ({} migrations applied)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    private static SqlSessionFactory sessionFactory(DataSource ds, List<Class<?>> mappers) {
        Configuration c = new Configuration(new Environment("ledgerbridge", new JdbcTransactionFactory(), ds));
        c.setMapUnderscoreToCamelCase(true);
        c.setArgNameBasedConstructorAutoMapping(true);
        c.setDefaultStatementTimeout(60);
        c.setJdbcTypeForNull(org.apache.ibatis.type.JdbcType.NULL);
        c.getTypeHandlerRegistry().register(OffsetDateTime.class, new UtcOffsetDateTimeTypeHandler());
        c.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
        InLists.register(c);
        for (Class<?> m : mappers) {
            c.addMapper(m);
        }
        Rows.register(c);
        return new SqlSessionFactoryBuilder().build(c);
    }

    /** How often a unit of work runs at most when the cluster aborts it (see {@link Retryable}). */
    static final int ATTEMPTS = 6;
    /** No attempt starts later than this after the first: a caller (a Web Connector call) is answered in time. */
    static final java.time.Duration RETRY_WINDOW = java.time.Duration.ofSeconds(60);

    /**
     * The unit of work: runs {@code work} in one transaction on a new session and commits it; when the database
     * aborts the transaction for a reason a new attempt may pass ({@link Retryable}: a Galera certification conflict
     * or deadlock, a node not ready, a connection lost while the load balancer or the driver fails over to another
     * node) the transaction is rolled back and {@code work} runs again from the start, up to {@link #ATTEMPTS} times
     * within {@link #RETRY_WINDOW}, with a short, growing, randomised pause. {@code work} must therefore keep its
     * effects inside the session until it returns (or be safe to repeat); it may commit itself, for example before
     * returning early.
     */
    public <T> T transaction(Function<SqlSession, T> work) {
        return transaction(ExecutorType.SIMPLE, work);
    }

    /** {@link #transaction(Function)} for work that returns nothing. */
    public void inTransaction(Consumer<SqlSession> work) {
        transaction(ExecutorType.SIMPLE, s -> {
            work.accept(s);
            return null;
        });
    }

    /** {@link #transaction(Function)} whose inserts and updates go to the server in JDBC batches. */
    public <T> T batchTransaction(Function<SqlSession, T> work) {
        return transaction(ExecutorType.BATCH, work);
    }

    private <T> T transaction(ExecutorType type, Function<SqlSession, T> work) {
        long giveUpAt = System.nanoTime() + RETRY_WINDOW.toNanos();
        for (int attempt = 1; ; attempt++) {
            try (SqlSession s = sessions.openSession(type, false)) {
                T result = work.apply(s);
                s.commit();
                return result;
            } catch (RuntimeException e) {
                // bounded in attempts and in time: with every node gone, each attempt may wait for a connection
                if (attempt >= ATTEMPTS || System.nanoTime() > giveUpAt || !Retryable.failure(e)) {
                    throw e;
                }
                log.info("transaction aborted by the database ({}); attempt {} of {} follows", rootMessage(e),
                        attempt + 1, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        long millis = 20L * attempt * attempt + ThreadLocalRandom.current().nextLong(20L * attempt);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting to run a transaction again", e);
        }
    }

    /** A session for one unit of work (not auto-commit). */
    public SqlSession session() {
        return sessions.openSession(false);
    }

    /** A session whose inserts and updates go to the server in JDBC batches. */
    public SqlSession batchSession() {
        return sessions.openSession(ExecutorType.BATCH, false);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Publishes the pool's metrics (hikaricp_*) into {@code registry}; once. */
    public void bindMetrics(MeterRegistry registry) {
        dataSource.setMetricRegistry(registry);
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
