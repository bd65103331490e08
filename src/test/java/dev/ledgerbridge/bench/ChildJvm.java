package dev.ledgerbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program of this build run in a JVM of its own (this test JVM's classpath), so what it holds does not weigh on
 * the heap a benchmark measures here. Its output is echoed as it comes and kept.
 */
final class ChildJvm {

    record Finished(int exitCode, List<String> lines) {
    }

    private ChildJvm() {
    }

    static Finished run(String maxHeap, String mainClass, String stdin, String... args) throws IOException,
            InterruptedException {
        return run(true, maxHeap, mainClass, stdin, args);
    }

    /** As {@link #run(String, String, String, String...)}, echoing the output only when {@code echo}. */
    static Finished run(boolean echo, String maxHeap, String mainClass, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (echo) {
                        System.out.println("    | " + line);
                    }
                    lines.add(line);
                }
            }
            if (!p.waitFor(3, TimeUnit.HOURS)) {
                throw new IllegalStateException(mainClass + " did not end");
            }
            return new Finished(p.exitValue(), lines);
        } finally {
            p.destroyForcibly();
        }
    }
}
