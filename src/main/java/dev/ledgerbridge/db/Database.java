package dev.ledgerbridge.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
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
            migrate(ds);
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
        for (Class<?> m : mappers) {
            c.addMapper(m);
        }
        return new SqlSessionFactoryBuilder().build(c);
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
