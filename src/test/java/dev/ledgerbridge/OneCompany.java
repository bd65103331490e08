package dev.ledgerbridge;

import java.time.Clock;

/** The server's parts on a fresh database with one company in it, for tests that write and read records directly. */
public final class OneCompany implements AutoCloseable {
    public final App app;
    public final long companyId;

    public OneCompany(String login) {
        app = App.open(TestDb.freshConfig(), Clock.systemUTC());
        companyId = app.companies.addLogin(login, login + " Co", login + " password 1").companyId();
    }

    @Override
    public void close() {
        app.close();
    }
}
