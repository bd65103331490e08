package dev.ledgerbridge.qbwc;

import dev.ledgerbridge.auth.LoginPolicy;
import dev.ledgerbridge.auth.LoginThrottle;
import dev.ledgerbridge.auth.PasswordHasher;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.CompanyMapper;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.qbxml.HcpParser;
import dev.ledgerbridge.qbxml.HcpResponse;
import dev.ledgerbridge.sync.Problems;
import dev.ledgerbridge.sync.SyncRun;
import dev.ledgerbridge.sync.SyncService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Connector protocol's meaning, call by call (QBWC.md §2): logins, tickets, the company-file check,
 * and the hand-over to the sync planner. Knows nothing of SOAP; {@link QbwcEndpoint} adapts it.
 */
public final class QbwcService {
    private static final Logger log = LoggerFactory.getLogger(QbwcService.class);

    /** NOTE: the Web Connector reads these exact strings. */
    static final String NVU = "nvu";
    static final String NONE = "none";
    static final String NOOP = "NoOp";
    static final String DONE = "done";
    /** Longer than any username a login can have ({@link dev.ledgerbridge.auth.Passwords#checkUsername}). */
    private static final int MAX_USERNAME = 200;

    /** Ledgerbridge's OwnerID: one GUID for the application, written into every .qwc file. */
    public static final String OWNER_ID = "{68301EF6-DE5C-4E55-A55D-02F3B48642A6}";

    static final String EXPIRED = "Your Web Connector session has ended or was replaced by a newer one. The Web"
            + " Connector starts a new one on its next scheduled run.";

    private final Database db;
    private final SyncService sync;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final String minClientVersion;
    private final String maxQbxmlVersion;
    private final Duration ticketIdle;
    private final int minRunEverySeconds;
    private final String serverVersion;

    public QbwcService(Database db, SyncService sync, PasswordHasher hasher, Config config, Clock clock,
                       String serverVersion) {
        this.db = db;
        this.sync = sync;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(db, LoginPolicy.of(config), clock);
        this.clock = clock;
        this.minClientVersion = config.get(Setting.QBWC_MIN_CLIENT_VERSION);
        this.maxQbxmlVersion = config.get(Setting.QBWC_MAX_QBXML_VERSION);
        this.ticketIdle = config.ticketIdle();
        this.minRunEverySeconds = config.getInt(Setting.QBWC_MIN_RUN_EVERY_SECONDS);
        this.serverVersion = serverVersion;
    }

    String serverVersion() {
        return "Ledgerbridge " + serverVersion;
    }

    /** "" to go on, or "O:&lt;min&gt;" when the Web Connector is older than the configured minimum. */
    String clientVersion(String version) {
        if (version == null || !Versions.valid(version)) {
            return "";
        }
        if (Versions.compare(version, minClientVersion) < 0) {
            log.info("Web Connector {} is older than the minimum {}", version, minClientVersion);
            return "O:" + minClientVersion;
        }
        return "";
    }

    /**
     * [ticket, status, postpone seconds, minimum run-every seconds], every slot present. Status is "" (use the
     * company file open in QuickBooks) on success and "nvu" for an unknown user, a wrong password, a disabled login,
     * or an address made to wait after repeated failures ({@link LoginThrottle}: other addresses, such as the
     * QuickBooks PC's, are not slowed down by someone else's guesses).
     */
    List<String> authenticate(String username, String password, String remoteAddress) {
        Instant now = clock.instant();
        String minRun = minRunEverySeconds > 0 ? Integer.toString(minRunEverySeconds) : "";
        return db.transaction(s -> {
            CompanyMapper companies = s.getMapper(CompanyMapper.class);
            // a name longer than any login's cannot be one: not looked up (it may be megabytes long)
            QbwcLogin login = username == null || username.length() > MAX_USERNAME ? null
                    : companies.findLogin(username.trim());
            Long id = login == null ? null : login.id();
            boolean ok = hasher.verify(password, login == null ? null : login.passwordHash());
            boolean waiting = throttle.waiting(s, LoginThrottle.QBWC, id, remoteAddress);
            if (waiting || login == null || !login.enabled() || !ok) {
                if (!waiting) {
                    throttle.failed(LoginThrottle.QBWC, id, remoteAddress);
                }
                log.info("Web Connector login refused for '{}' from {}", username, remoteAddress);
                return List.of(Tickets.newTicket(), NVU, "", minRun);
            }
            throttle.succeeded(s, LoginThrottle.QBWC, login.id(), remoteAddress);
            QbwcSessionMapper sessions = s.getMapper(QbwcSessionMapper.class);
            for (QbwcSession old : sessions.openForCompany(login.companyId())) {
                // a new authenticate means the Web Connector gave up on the old session (QBWC.md §2.3)
                sessions.close(old.id(), QbwcSession.SUPERSEDED, now);
                if (old.runId() != null) {
                    sync.fail(old.runId(), SyncRun.INTERRUPTED, "The Web Connector started a new session before"
                            + " this one finished; the new session continues the sync.", null);
                }
            }
            String ticket = Tickets.newTicket();
            sessions.insert(Tickets.hash(ticket), login.companyId(), login.id(), null, remoteAddress, now,
                    now.plus(ticketIdle));
            companies.recordContact(login.companyId(), now);
            s.commit();
            log.info("Web Connector session opened for '{}' (company {})", login.username(), login.companyId());
            return List.of(ticket, "", "", minRun);
        });
    }

    /** The next qbXML request, or "" (then getLastError says NoOp or why there is nothing to send). */
    String sendRequestXml(String ticket, String hcpResponse, String companyFileName, String country,
                          int major, int minor) {
        QbwcSession session = live(ticket);
        if (session == null) {
            return "";
        }
        long runId;
        if (!session.hcpChecked()) {
            Long started = startRun(session, hcpResponse, companyFileName, country, major, minor);
            if (started == null) {
                return "";
            }
            runId = started;
        } else if (session.runId() == null) {
            return "";
        } else {
            runId = session.runId();
        }
        SyncService.Next next = sync.next(runId);
        if (next instanceof SyncService.Next.Send send) {
            return send.qbxml();
        }
        db.inTransaction(s -> {
            QbwcSessionMapper m = s.getMapper(QbwcSessionMapper.class);
            if (next instanceof SyncService.Next.Wait) {
                m.setWait(session.id(), true);
            } else if (next instanceof SyncService.Next.Finished f) {
                m.setError(session.id(), f.error() == null ? "The sync is complete." : f.error());
            }
            s.commit();
        });
        return "";
    }

    /** First sendRequestXML of a session: check the company file and the qbXML version, open a run. */
    private Long startRun(QbwcSession session, String hcpResponse, String companyFileName, String country,
                          int major, int minor) {
        HcpResponse hcp = HcpParser.parse(hcpResponse, OWNER_ID);
        Company company = db.transaction(s -> s.getMapper(CompanyMapper.class).find(session.companyId()));
        String version = HcpParser.chooseVersion(hcp.supportedVersions(), major, minor, maxQbxmlVersion);
        String refusal;
        if (hcp.isQbpos()) {
            refusal = "This Web Connector login is for QuickBooks Desktop (financial) company files, but the Web"
                    + " Connector connected to QuickBooks Point of Sale.";
        } else if (version == null) {
            refusal = "This version of QuickBooks is too old: Ledgerbridge needs qbXML 5.0 or newer (QuickBooks 2006"
                    + " or later). Update QuickBooks and run the Web Connector again.";
        } else {
            refusal = fileMismatch(company, hcp, companyFileName);
        }
        if (refusal == null && !hcp.equals(HcpResponse.EMPTY)) {
            // before the run is planned: the plan reads the currency list of a multicurrency file
            db.inTransaction(s -> {
                s.getMapper(CompanyMapper.class).recordCurrencyPreferences(session.companyId(), hcp.multiCurrencyOn(),
                        hcp.homeCurrencyName());
                s.commit();
            });
        }
        long runId = sync.startRun(session.companyId(), version);
        db.inTransaction(s -> {
            QbwcSessionMapper m = s.getMapper(QbwcSessionMapper.class);
            m.recordHcp(session.id(), blankToNull(companyFileName), version, hcp.fileId(), hcp.companyName(), runId);
            if (refusal != null) {
                m.setError(session.id(), refusal);
            } else {
                s.getMapper(CompanyMapper.class).recordHost(session.companyId(), hcp.productName(),
                        country == null || country.isBlank() ? hcp.country() : country.trim(), version, blankToNull(companyFileName));
            }
            s.commit();
        });
        if (refusal != null) {
            log.warn("company {}: run refused: {}", session.companyId(), refusal);
            sync.fail(runId, SyncRun.REFUSED, refusal, null);
            return null;
        }
        return runId;
    }

    /** Null when the open company file is the one bound to this company (or none is bound yet); else why not. */
    private static String fileMismatch(Company company, HcpResponse hcp, String companyFileName) {
        if (!company.bound()) {
            return null;
        }
        String file = companyFileName == null || companyFileName.isBlank() ? "" : " (" + companyFileName.trim() + ")";
        boolean same;
        if (company.boundFileId() != null && hcp.fileId() != null) {
            same = normaliseGuid(company.boundFileId()).equals(normaliseGuid(hcp.fileId()));
        } else if (company.boundFileName() != null && hcp.companyName() != null) {
            same = company.boundFileName().trim().equalsIgnoreCase(hcp.companyName().trim());
        } else {
            same = false;
        }
        if (same) {
            return null;
        }
        String expected = company.boundFileName() != null ? "'" + company.boundFileName() + "'" : "another company file";
        String actual = hcp.companyName() != null ? "'" + hcp.companyName() + "'" : "a different company file";
        return "This Web Connector login belongs to the QuickBooks company " + expected + ", but QuickBooks has "
                + actual + file + " open. Nothing was synced. Open " + expected + " in QuickBooks and run the Web"
                + " Connector again, or create a separate Web Connector login for this company file.";
    }

    private static String normaliseGuid(String g) {
        return g.trim().replace("{", "").replace("}", "").toUpperCase(Locale.ROOT);
    }

    /** Percent done (0..100), or negative when the run failed (getLastError then says why). */
    int receiveResponseXml(String ticket, String response, String hresult, String message) {
        QbwcSession session = live(ticket);
        if (session == null) {
            return -1;
        }
        if (session.runId() == null) {
            return -1;
        }
        SyncService.Progress p;
        try {
            if (hresult != null && !hresult.isBlank()) {
                p = sync.transportError(session.runId(), hresult, message);
            } else {
                p = sync.receive(session.runId(), response);
            }
        } catch (RuntimeException e) {
            log.error("company {}: the response could not be stored", session.companyId(), e);
            String text = "Ledgerbridge could not store QuickBooks' answer because of an internal error; nothing was"
                    + " half-written and the next run tries again. The server log has the details.";
            sync.fail(session.runId(), SyncRun.FAILED, text, null);
            p = new SyncService.Progress(-1, text);
        }
        if (p.failed()) {
            setError(session.id(), p.error());
        } else if (p.percent() >= 100) {
            bindIfFirstSuccess(session);
        }
        return p.percent();
    }

    private void bindIfFirstSuccess(QbwcSession session) {
        db.inTransaction(s -> {
            CompanyMapper m = s.getMapper(CompanyMapper.class);
            Company c = m.find(session.companyId());
            if (!c.bound() && (session.observedFileId() != null || session.observedFileName() != null)) {
                m.bindFile(c.id(), session.observedFileId(), session.observedFileName(), session.companyFile(),
                        clock.instant());
                log.info("company {} is now bound to the QuickBooks file '{}' (FileID {})", c.id(),
                        session.observedFileName(), session.observedFileId());
            }
            s.commit();
        });
    }

    /** "done": QuickBooks could not be opened; the error is recorded and the session ends. */
    String connectionError(String ticket, String hresult, String message) {
        QbwcSession session = live(ticket);
        if (session == null) {
            return DONE;
        }
        String text = Problems.forHresult(hresult, message);
        log.warn("company {}: the Web Connector could not open QuickBooks: {} {}", session.companyId(), hresult, message);
        long runId = session.runId() != null ? session.runId() : sync.startRun(session.companyId(), null);
        sync.fail(runId, SyncRun.FAILED, text, hresult);
        db.inTransaction(s -> {
            QbwcSessionMapper m = s.getMapper(QbwcSessionMapper.class);
            if (session.runId() == null) {
                m.recordHcp(session.id(), null, null, null, null, runId);
            }
            m.setError(session.id(), text);
            s.commit();
        });
        return DONE;
    }

    /** "NoOp" when the server wants the Web Connector to wait and ask again; otherwise the message to show. */
    String getLastError(String ticket) {
        QbwcSession session = live(ticket);
        if (session == null) {
            return EXPIRED;
        }
        if (session.waitRequested()) {
            db.inTransaction(s -> {
                s.getMapper(QbwcSessionMapper.class).setWait(session.id(), false);
                s.commit();
            });
            return NOOP;
        }
        return session.lastError() == null ? "No error." : session.lastError();
    }

    /** Ends the session (its ticket is useless afterwards) and returns a short summary of the run. */
    String closeConnection(String ticket) {
        QbwcSession session = find(ticket);
        if (session == null || !QbwcSession.OPEN.equals(session.state())) {
            return "OK";
        }
        String summary = session.runId() == null ? "OK" : sync.close(session.runId());
        db.inTransaction(s -> {
            s.getMapper(QbwcSessionMapper.class).close(session.id(), QbwcSession.CLOSED, clock.instant());
            s.commit();
        });
        return summary.isEmpty() ? "OK" : summary;
    }

    // ---- tickets -----------------------------------------------------------------------------------------

    private static final Duration TOUCH_EVERY = Duration.ofSeconds(15);

    private QbwcSession find(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return null;
        }
        return db.transaction(s -> {
            return s.getMapper(QbwcSessionMapper.class).findByTicket(Tickets.hash(ticket));
        });
    }

    /**
     * The open, unexpired session of the ticket (its expiry pushed on, and the company's last contact noted, at most
     * every {@link #TOUCH_EVERY}: a sync makes several calls a second), or null.
     */
    private QbwcSession live(String ticket) {
        QbwcSession session = find(ticket);
        Instant now = clock.instant();
        if (session == null || !QbwcSession.OPEN.equals(session.state()) || session.expiresAt().isBefore(now)) {
            return null;
        }
        if (session.expiresAt().isAfter(now.plus(ticketIdle).minus(TOUCH_EVERY))) {
            return session;
        }
        db.inTransaction(s -> {
            s.getMapper(QbwcSessionMapper.class).touch(session.id(), now, now.plus(ticketIdle));
            s.getMapper(CompanyMapper.class).recordContact(session.companyId(), now);
            s.commit();
        });
        return session;
    }

    private void setError(long sessionId, String error) {
        db.inTransaction(s -> {
            s.getMapper(QbwcSessionMapper.class).setError(sessionId, error);
            s.commit();
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
