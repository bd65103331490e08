package dev.ledgerbridge.galera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerbridge.testkit.GaleraCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class GaleraClusterTest {
    @Test
    void startsKillsAndRestartsNodes() throws Exception {
        assumeTrue(GaleraCluster.unavailableReason() == null, GaleraCluster.unavailableReason());
        long t0 = System.nanoTime();
        try (GaleraCluster c = GaleraCluster.start(Path.of("target", "galera-kit"))) {
            System.out.println("cluster up in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            c.createDatabase("kit");
            try (Connection a = DriverManager.getConnection(c.url(0, "kit")); Statement st = a.createStatement()) {
                st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                st.execute("INSERT INTO t VALUES (1)");
            }
            c.kill(1);
            assertEquals("2", c.status(0, "wsrep_cluster_size"));
            try (Connection a = DriverManager.getConnection(c.url(2, "kit")); Statement st = a.createStatement()) {
                st.execute("INSERT INTO t VALUES (2)");
            }
            long t1 = System.nanoTime();
            c.restart(1);
            System.out.println("node back in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
            try (Connection a = DriverManager.getConnection(c.url(1, "kit")); Statement st = a.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }
}
