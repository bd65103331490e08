package dev.ledgerbridge.simulate;

/** A qbXML address aggregate (BillAddress / ShipAddress); null parts are absent. */
public record QbAddress(String addr1, String addr2, String addr3, String addr4, String addr5,
                        String city, String state, String postalCode, String country, String note) {

    public static QbAddress of(String addr1, String city, String state, String postalCode, String country) {
        return new QbAddress(addr1, null, null, null, null, city, state, postalCode, country, null);
    }

    public QbAddress withAddr2(String value) {
        return new QbAddress(addr1, value, addr3, addr4, addr5, city, state, postalCode, country, note);
    }

    /** Applies a qbXML Mod aggregate: parts present in {@code changes} replace ours, "" clears. */
    QbAddress merge(java.util.Map<String, String> changes) {
        String[] v = {addr1, addr2, addr3, addr4, addr5, city, state, postalCode, country, note};
        String[] names = {"Addr1", "Addr2", "Addr3", "Addr4", "Addr5", "City", "State", "PostalCode", "Country", "Note"};
        for (int i = 0; i < names.length; i++) {
            if (changes.containsKey(names[i])) {
                String c = changes.get(names[i]);
                v[i] = c == null || c.isEmpty() ? null : c;
            }
        }
        QbAddress a = new QbAddress(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
        return a.isEmpty() ? null : a;
    }

    boolean isEmpty() {
        return addr1 == null && addr2 == null && addr3 == null && addr4 == null && addr5 == null && city == null
                && state == null && postalCode == null && country == null && note == null;
    }
}
