package dev.ledgerbridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder profile of the server in this JVM while a benchmark syncs: CPU samples every 10 ms (by
 * the part of the code they were in, the hottest methods, the server's own methods they ran under), and every
 * socket read and write to the database with its stack (round trips, the time spent waiting for MariaDB, and the
 * server method that asked).
 */
final class ServerProfile {
    /** Libraries and parts of the server, by the package prefix of a frame. */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("org.mariadb.", "MariaDB driver");
        PARTS.put("com.zaxxer.hikari.", "HikariCP");
        PARTS.put("org.apache.ibatis.", "MyBatis");
        PARTS.put("dev.ledgerbridge.qbxml.", "Ledgerbridge qbxml (parse, render)");
        PARTS.put("dev.ledgerbridge.customer.", "Ledgerbridge customer store");
        PARTS.put("dev.ledgerbridge.invoice.", "Ledgerbridge invoice store");
        PARTS.put("dev.ledgerbridge.sync.", "Ledgerbridge sync planner");
        PARTS.put("dev.ledgerbridge.qbwc.", "Ledgerbridge qbwc endpoint");
        PARTS.put("org.apache.velocity.", "Velocity");
        PARTS.put("com.ctc.wstx.", "Woodstox (StAX)");
        PARTS.put("org.apache.cxf.", "CXF (SOAP)");
        PARTS.put("org.eclipse.jetty.", "Jetty (HTTP)");
    }

    private final Recording recording;
    private final int dbPort;

    private ServerProfile(Recording recording, int dbPort) {
        this.recording = recording;
        this.dbPort = dbPort;
    }

    static ServerProfile start(int dbPort) throws IOException, ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        r.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
        r.enable("jdk.SocketWrite").withThreshold(Duration.ZERO).withStackTrace();
        r.start();
        return new ServerProfile(r, dbPort);
    }

    /**
     * Stops, writes the recording to {@code file} (for {@code jfr print} or JDK Mission Control) and describes it;
     * the description is made in a process of its own, since reading a recording takes more heap than the server is
     * given here.
     */
    String stop(Path file, int qbxmlPages) throws IOException, InterruptedException {
        recording.stop();
        recording.dump(file);
        recording.close();
        ChildJvm.Finished described = ChildJvm.run(false, "2g", ServerProfile.class.getName(), "", file.toString(),
                Integer.toString(dbPort), Integer.toString(qbxmlPages));
        if (described.exitCode() != 0) {
            throw new IllegalStateException("the recording could not be read:\n" + String.join("\n", described.lines()));
        }
        return String.join("\n", described.lines()) + "\n";
    }

    /** Describes a recording: {@code ServerProfile FILE DB_PORT QBXML_PAGES}. */
    public static void main(String[] args) throws IOException {
        System.out.print(describe(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    }

    /** What a recording of the server shows, {@code dbPort} being MariaDB's. */
    static String describe(Path file, int dbPort, int qbxmlPages) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ownFrame = new HashMap<>();
        Map<String, Integer> innermost = new HashMap<>();
        Map<String, Integer> tripsByCaller = new HashMap<>();
        List<RecordedEvent> db = new ArrayList<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(method(frames.get(0)), 1, Integer::sum);
                String own = firstOwn(frames);
                ownFrame.merge(own == null ? "(no Ledgerbridge frame: HTTP, SOAP)" : own, 1, Integer::sum);
                innermost.merge(innermostPart(frames), 1, Integer::sum);
            } else if ((type.equals("jdk.SocketRead") || type.equals("jdk.SocketWrite")) && e.getInt("port") == dbPort) {
                db.add(e);
            }
        }
        // a round trip: the driver sends, then reads the answer; a batch sent in one go and read back is one
        db.sort(Comparator.comparing(RecordedEvent::getStartTime));
        Map<Long, Boolean> wroteLast = new HashMap<>();
        long trips = 0;
        long receiveTrips = 0;
        long sendTrips = 0;
        long waitNanos = 0;
        for (RecordedEvent e : db) {
            long thread = e.getThread() == null ? -1 : e.getThread().getJavaThreadId();
            if (e.getEventType().getName().equals("jdk.SocketWrite")) {
                wroteLast.put(thread, true);
                continue;
            }
            waitNanos += e.getDuration().toNanos();
            if (!Boolean.TRUE.equals(wroteLast.put(thread, false))) {
                continue;
            }
            trips++;
            RecordedStackTrace stack = e.getStackTrace();
            String caller = stack == null ? null : firstOwn(stack.getFrames());
            tripsByCaller.merge(caller == null ? "(no Ledgerbridge frame)" : caller, 1, Integer::sum);
            if (onStack(stack, "receiveResponseXml")) {
                receiveTrips++;
            } else if (onStack(stack, "sendRequestXml")) {
                sendTrips++;
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  profile (JFR, %s): %,d CPU samples of the server's threads%n", file,
                samples));
        b.append("  where the CPU samples were, by the innermost part of the code on the stack:\n");
        top(b, innermost, samples, PARTS.size() + 2);
        b.append("  hottest methods (own time):\n");
        top(b, self, samples, 12);
        b.append("  the server's own method nearest the top of the stack:\n");
        top(b, ownFrame, samples, 12);
        b.append(String.format(Locale.ROOT, "  database: %,d round trips, %.1f s waiting for MariaDB; per qbXML page"
                        + " (%d pages): %.1f round trips while storing a response, %.1f while choosing a request%n",
                trips, waitNanos / 1e9, qbxmlPages, receiveTrips / (double) Math.max(1, qbxmlPages),
                sendTrips / (double) Math.max(1, qbxmlPages)));
        b.append("  round trips by the server method that made them:\n");
        top(b, tripsByCaller, (int) Math.max(1, trips), 12);
        return b.toString();
    }

    /** The part of the code (a library or a package of the server) nearest the top of the stack. */
    private static String innermostPart(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            for (Map.Entry<String, String> part : PARTS.entrySet()) {
                if (cls.startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
            if (cls.startsWith("dev.ledgerbridge.")) {
                return "Ledgerbridge, other";
            }
        }
        return "other (JDK, JIT, GC)";
    }

    private static boolean onStack(RecordedStackTrace stack, String methodName) {
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                if (f.getMethod().getName().equals(methodName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstOwn(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith("dev.ledgerbridge.")) {
                return method(f) + ":" + f.getLineNumber();
            }
        }
        return null;
    }

    private static String method(RecordedFrame f) {
        String cls = f.getMethod().getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static void top(StringBuilder b, Map<String, Integer> counts, int total, int n) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(n, sorted.size()))) {
            b.append(String.format(Locale.ROOT, "    %5.1f%%  %,8d  %s%n", 100.0 * e.getValue() / total, e.getValue(),
                    e.getKey()));
        }
    }
}
