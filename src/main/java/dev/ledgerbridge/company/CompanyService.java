package dev.ledgerbridge.company;

import dev.ledgerbridge.auth.LoginThrottle;
import dev.ledgerbridge.auth.PasswordHasher;
import dev.ledgerbridge.auth.Passwords;
import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Companies and their Web Connector logins. */
public final class CompanyService {
    private final Database db;
    private final PasswordHasher hasher;
    private final Clock clock;

    public CompanyService(Database db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates a Web Connector login bound to the named company, creating the company when it is new.
     * Throws IllegalArgumentException (with a message for the person at the keyboard) when the username is
     * taken or the password too weak.
     */
    public QbwcLogin addLogin(String username, String companyName, String password) {
        Passwords.checkUsername(username);
        Passwords.check(password);
        String name = companyName == null ? "" : companyName.trim();
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a company name is 1 to 200 characters");
        }
        String hash = hasher.hash(password);
        return db.transaction(s -> {
            CompanyMapper m = s.getMapper(CompanyMapper.class);
            if (m.findLogin(username) != null) {
                throw new IllegalArgumentException("a Web Connector login named '" + username + "' already exists");
            }
            Company company = m.findByName(name);
            long companyId;
            if (company == null) {
                CompanyMapper.NewCompany row = new CompanyMapper.NewCompany(name, clock.instant());
                m.insert(row);
                companyId = row.id;
            } else {
                companyId = company.id();
            }
            String fileId = "{" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "}";
            m.insertLogin(username, companyId, hash, fileId, clock.instant());
            s.commit();
            return m.findLogin(username);
        });
    }

    public Optional<QbwcLogin> login(String username) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(CompanyMapper.class).findLogin(username));
        });
    }

    public Optional<Company> company(long id) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(CompanyMapper.class).find(id));
        });
    }

    public Optional<Company> companyByName(String name) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(CompanyMapper.class).findByName(name));
        });
    }

    public List<Company> companies() {
        return db.transaction(s -> {
            return s.getMapper(CompanyMapper.class).list();
        });
    }

    /** The Web Connector username of each company (the first login, by name), for listings. */
    public List<QbwcLogin> logins() {
        return db.transaction(s -> {
            return s.getMapper(CompanyMapper.class).listLogins();
        });
    }

    public Optional<QbwcLogin> login(long id) {
        return db.transaction(s -> {
            return Optional.ofNullable(s.getMapper(CompanyMapper.class).findLoginById(id));
        });
    }

    /**
     * Gives a Web Connector login a new generated password (returned, to be shown once) and forgets its failed
     * sign-ins.
     */
    public String resetPassword(long loginId) {
        String password = Passwords.generate();
        String hash = hasher.hash(password);
        db.inTransaction(s -> {
            if (s.getMapper(CompanyMapper.class).setLoginPassword(loginId, hash) == 0) {
                throw new IllegalArgumentException("no Web Connector login with id " + loginId);
            }
            LoginThrottle.forget(s, LoginThrottle.QBWC, loginId);
            s.commit();
        });
        return password;
    }

    /** Enables or disables a Web Connector login; a disabled login is answered "nvu" like a wrong password. */
    public void setEnabled(long loginId, boolean enabled) {
        db.inTransaction(s -> {
            if (s.getMapper(CompanyMapper.class).setLoginEnabled(loginId, enabled) == 0) {
                throw new IllegalArgumentException("no Web Connector login with id " + loginId);
            }
            LoginThrottle.forget(s, LoginThrottle.QBWC, loginId);
            s.commit();
        });
    }
}
