package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.TestDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The unit of work: a transaction the database aborts for a passing reason runs again; a real error does not. */
class UnitOfWorkTest {
    private static Database db;

    @BeforeAll
    static void open() throws SQLException {
        db = Database.open(TestDb.freshConfig(), List.of(LeaseMapper.class));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE uow_test (id INT PRIMARY KEY, v INT NOT NULL)");
            st.execute("INSERT INTO uow_test VALUES (1, 0), (2, 0)");
            c.commit();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void update(org.apache.ibatis.session.SqlSession s, int id) {
        try (Statement st = s.getConnection().createStatement()) {
            st.executeUpdate("UPDATE uow_test SET v = v + 1 WHERE id = " + id);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    @Test
    void twoTransactionsThatDeadlockBothCommitOnce() throws Exception {
        // each locks one row and then wants the other's: the database kills one (1213), which runs again
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = List.of(
                pool.submit(() -> db.inTransaction(s -> {
                    int run = runs.incrementAndGet();
                    update(s, 1);
                    await(bothHoldOne, run);
                    update(s, 2);
                })),
                pool.submit(() -> db.inTransaction(s -> {
                    int run = runs.incrementAndGet();
                    update(s, 2);
                    await(bothHoldOne, run);
                    update(s, 1);
                })));
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(runs.get()).as("one of the two ran again").isEqualTo(3);
        int sum = db.transaction(s -> {
            try (Statement st = s.getConnection().createStatement();
                 var rs = st.executeQuery("SELECT SUM(v) FROM uow_test")) {
                rs.next();
                return rs.getInt(1);
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        });
        assertThat(sum).as("each transaction's two updates, once").isEqualTo(4);
    }

    /** The first run of each waits for the other's; a run again does not wait. */
    private static void await(CyclicBarrier barrier, int run) {
        if (run > 2) {
            return;
        }
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRealErrorIsNotRunAgainAndAPassingOneStopsAfterTheBound() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> db.inTransaction(s -> {
            runs.incrementAndGet();
            try (Statement st = s.getConnection().createStatement()) {
                st.execute("INSERT INTO uow_test VALUES (1, 0)");
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        })).isInstanceOf(PersistenceException.class).hasMessageContaining("Duplicate entry");
        assertThat(runs.get()).as("a duplicate key is a real error").isEqualTo(1);

        runs.set(0);
        assertThatThrownBy(() -> db.inTransaction(s -> {
            runs.incrementAndGet();
            throw new PersistenceException(new SQLTransientConnectionException("node gone", "08S01"));
        })).isInstanceOf(PersistenceException.class);
        assertThat(runs.get()).as("a lost connection is tried again, a bounded number of times")
                .isEqualTo(Database.ATTEMPTS);
    }

    @Test
    void galeraAndFailoverFailuresAreTheOnesRunAgain() {
        assertThat(Retryable.failure(new PersistenceException(new SQLException("Deadlock found", "40001", 1213))))
                .isTrue();
        assertThat(Retryable.failure(new SQLException("WSREP has not yet prepared node for application use",
                "08S01", 1047))).isTrue();
        assertThat(Retryable.failure(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(Retryable.failure(new SQLException("Connection refused", "08000", 0))).isTrue();
        assertThat(Retryable.failure(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
        assertThat(Retryable.failure(new SQLException("syntax", "42000", 1064))).isFalse();
        assertThat(Retryable.failure(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
