package dev.ledgerbridge.qbwc;

/** Dotted version numbers ("2.3.0.215", "13.0") compared part by part. */
final class Versions {
    private Versions() {
    }

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    static int compare(String a, String b) {
        String[] x = a.trim().split("\\.");
        String[] y = b.trim().split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    static boolean valid(String v) {
        return v != null && v.trim().matches("\\d+(\\.\\d+)*");
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
