package dev.ledgerbridge.customer;

/**
 * A page of the customer list: free-text search over name, full name, company and email; a sort column;
 * an active filter ("active", "inactive" or "all"); pages count from 1.
 */
public record CustomerQuery(String q, Sort sort, boolean descending, String active, int page, int size) {

    /** The columns the list can be sorted by; the names are the API's. */
    public enum Sort {
        NAME, BALANCE, TOTAL_BALANCE, EMAIL, TIME_MODIFIED;

        public static Sort parse(String s) {
            return switch (s) {
                case "name", "fullName" -> NAME;
                case "balance" -> BALANCE;
                case "totalBalance" -> TOTAL_BALANCE;
                case "email" -> EMAIL;
                case "timeModified" -> TIME_MODIFIED;
                default -> throw new IllegalArgumentException("unknown sort column '" + s
                        + "' (use name, balance, totalBalance, email or timeModified, with a leading - for descending)");
            };
        }
    }

    /** The sort as the API and the pages spell it: "name", "-balance" ... */
    public String sortParam() {
        String column = switch (sort) {
            case NAME -> "name";
            case BALANCE -> "balance";
            case TOTAL_BALANCE -> "totalBalance";
            case EMAIL -> "email";
            case TIME_MODIFIED -> "timeModified";
        };
        return (descending ? "-" : "") + column;
    }

    public int offset() {
        return (page - 1) * size;
    }

    /** The search text with LIKE wildcards escaped, or null for no search. */
    public String likeText() {
        if (q == null || q.isBlank()) {
            return null;
        }
        return q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
