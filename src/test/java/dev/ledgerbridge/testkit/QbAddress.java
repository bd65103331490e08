package dev.ledgerbridge.testkit;

/** A qbXML address aggregate (BillAddress / ShipAddress); null parts are absent. */
public record QbAddress(String addr1, String addr2, String addr3, String addr4, String addr5,
                        String city, String state, String postalCode, String country, String note) {

    public static QbAddress of(String addr1, String city, String state, String postalCode, String country) {
        return new QbAddress(addr1, null, null, null, null, city, state, postalCode, country, null);
    }

    public QbAddress withAddr2(String value) {
        return new QbAddress(addr1, value, addr3, addr4, addr5, city, state, postalCode, country, note);
    }

    static QbAddress of(dev.ledgerbridge.simulate.QbAddress a) {
        return a == null ? null : new QbAddress(a.addr1(), a.addr2(), a.addr3(), a.addr4(), a.addr5(), a.city(),
                a.state(), a.postalCode(), a.country(), a.note());
    }

    static dev.ledgerbridge.simulate.QbAddress toMain(QbAddress a) {
        return a == null ? null : new dev.ledgerbridge.simulate.QbAddress(a.addr1, a.addr2, a.addr3, a.addr4, a.addr5,
                a.city, a.state, a.postalCode, a.country, a.note);
    }
}
