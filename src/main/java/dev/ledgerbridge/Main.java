package dev.ledgerbridge;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.ledgerbridge.auth.Passwords;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.ConfigException;
import dev.ledgerbridge.config.ConfigLoader;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.DatabaseException;
import dev.ledgerbridge.db.DatabaseInUseException;
import dev.ledgerbridge.db.OwnerOnly;
import dev.ledgerbridge.db.ShutdownOrder;
import dev.ledgerbridge.ops.Certificates;
import dev.ledgerbridge.qbwc.QwcFile;
import dev.ledgerbridge.simulate.Simulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code serve}, {@code user add}, {@code admin add}, {@code qwc}, {@code migrate},
 * {@code resync}, {@code simulate}, and the operators' commands in {@link OpsCommands}. Exit codes: 0 done, 1 bad input, 2 the embedded database is in use, 3 other failures.
 */
@Command(name = "ledgerbridge", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "QuickBooks Web Connector server: customers and invoices from QuickBooks Desktop into MariaDB.",
        subcommands = {Main.Serve.class, Main.User.class, Main.Admin.class, Main.Qwc.class, Main.Migrate.class,
                Main.Resync.class, Main.Simulate.class, OpsCommands.Cert.class, OpsCommands.BackupCommand.class,
                OpsCommands.RestoreCommand.class, OpsCommands.DoctorCommand.class})
public final class Main {
    static final int BAD_INPUT = 1;
    static final int IN_USE = 2;
    static final int FAILED = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof DatabaseInUseException) {
                err.println("error: " + e.getMessage());
                return IN_USE;
            }
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof DatabaseException) {
                err.println("error: " + e.getMessage());
                return FAILED;
            }
            err.println("error: " + e);
            LoggerFactory.getLogger(Main.class).error("command failed", e);
            return FAILED;
        });
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Ledgerbridge " + App.version()};
        }
    }

    /** Options every command takes. */
    static class Common {
        @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/ledgerbridge.properties when present).")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (overrides data.dir).")
        String dataDir;

        /** Commands other than serve print their own result; the log only speaks up for problems. */
        void quiet() {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }

        Config load(Map<Setting, String> extra) {
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            if (dataDir != null) {
                flags.put(Setting.DATA_DIR, dataDir);
            }
            flags.putAll(extra);
            return ConfigLoader.load(config, System.getenv(), flags);
        }

        Config load() {
            quiet();
            return load(Map.of());
        }

        void configureLogging() {
            Path candidate = (config != null && config.toAbsolutePath().getParent() != null)
                    ? config.toAbsolutePath().getParent().resolve("logback.xml") : Path.of("conf", "logback.xml");
            if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(candidate)) {
                LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
                ctx.reset();
                JoranConfigurator j = new JoranConfigurator();
                j.setContext(ctx);
                try {
                    j.doConfigure(candidate.toFile());
                } catch (JoranException e) {
                    System.err.println("warning: cannot read " + candidate + ": " + e.getMessage());
                }
            }
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    @Command(name = "serve", description = "Start the server (embedded MariaDB unless db.url is set).")
    static final class Serve extends Common implements Callable<Integer> {
        @Option(names = "--port", paramLabel = "N", description = "HTTP port (overrides http.port).")
        Integer port;

        @Override
        public Integer call() throws Exception {
            configureLogging();
            Logger log = LoggerFactory.getLogger(Main.class);
            Map<Setting, String> extra = new EnumMap<>(Setting.class);
            if (port != null) {
                extra.put(Setting.HTTP_PORT, port.toString());
            }
            Config cfg = load(extra);
            if (cfg.httpsEnabled()) {
                Certificates.load(cfg); // a wrong certificate setting stops the start before the database starts
            }
            // the configuration is the message itself, not an argument, so its lines stay lines
            log.info("Ledgerbridge " + App.version() + " starting; " + cfg.describe());
            App app = App.open(cfg, Clock.systemUTC());
            Optional<String> initial = app.staff.ensureInitialAdmin();
            if (initial.isPresent()) {
                Path file = cfg.dataDir().resolve("initial-admin-password");
                writeOwnerOnly(file, initial.get() + "\n");
                log.warn("No staff login existed, so one was created: username 'admin', password '{}'. The password is"
                        + " also in {}; sign in, then delete that file.", initial.get(), file);
            }
            // on SIGTERM / Ctrl-C: the HTTP server first (calls in flight finish), then the database
            ShutdownOrder.register(ShutdownOrder.Stage.STORE, "application and database", app::close);
            Server server = ServerFactory.newServer(cfg, app);
            ShutdownOrder.register(ShutdownOrder.Stage.SERVE, "HTTP server", () -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    log.warn("HTTP server did not stop cleanly: {}", e.getMessage());
                }
            });
            server.start();
            int http = ServerFactory.localPort(server, ServerFactory.HTTP);
            int https = ServerFactory.localPort(server, ServerFactory.HTTPS);
            log.info("Ledgerbridge is listening on {}: admin pages /admin/, Web Connector endpoint /qbwc, JSON API /api/v1/, health /health",
                    (http > 0 ? "HTTP port " + http + " (" + cfg.httpMode() + ")" : "")
                            + (http > 0 && https > 0 ? " and " : "") + (https > 0 ? "HTTPS port " + https : ""));
            server.join();
            return 0;
        }
    }

    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        OwnerOnly.restrict(file);
    }

    static String readPassword() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input (pipe it in, e.g. printf '%s\\n' \"$PW\" | ...)");
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Command(name = "user", description = "Web Connector logins.", subcommands = User.Add.class)
    static final class User {
        @Command(name = "add", description = "Create a Web Connector login bound to one company file.")
        static final class Add extends Common implements Callable<Integer> {
            @Option(names = "--username", required = true, description = "Login the Web Connector uses (in the .qwc).")
            String username;

            @Option(names = "--company", required = true, paramLabel = "NAME", description = "The company this login syncs (created when new).")
            String company;

            @Option(names = "--password-stdin", required = true, description = "Read the password from standard input.")
            boolean passwordStdin;

            @Override
            public Integer call() throws Exception {
                String password = readPassword();
                Passwords.check(password);
                try (App app = App.open(load(), Clock.systemUTC())) {
                    QbwcLogin login = app.companies.addLogin(username, company, password);
                    System.out.println("Created Web Connector login '" + login.username() + "' for company '"
                            + company.trim() + "'. Next: ledgerbridge qwc --username " + login.username()
                            + " --url https://<this server's host name>");
                }
                return 0;
            }
        }
    }

    @Command(name = "admin", description = "Staff logins for the admin pages and the JSON API.", subcommands = Admin.Add.class)
    static final class Admin {
        @Command(name = "add", description = "Create a staff login.")
        static final class Add extends Common implements Callable<Integer> {
            @Option(names = "--username", required = true)
            String username;

            @Option(names = "--password-stdin", required = true, description = "Read the password from standard input.")
            boolean passwordStdin;

            @Option(names = "--role", defaultValue = "admin", description = "admin (manages logins and settings) or staff.")
            String role;

            @Override
            public Integer call() throws Exception {
                String password = readPassword();
                Passwords.check(password);
                try (App app = App.open(load(), Clock.systemUTC())) {
                    app.staff.add(username, password, role);
                    System.out.println("Created " + role + " login '" + username + "'.");
                }
                return 0;
            }
        }
    }

    @Command(name = "qwc", description = "Print the .qwc file of a Web Connector login.")
    static final class Qwc extends Common implements Callable<Integer> {
        @Option(names = "--username", required = true)
        String username;

        @Option(names = "--url", required = true, description = "This server's URL as the Web Connector reaches it, e.g. https://qb.example.com")
        String url;

        @Override
        public Integer call() throws Exception {
            QwcFile.endpoint(url);
            try (App app = App.open(load(), Clock.systemUTC())) {
                QbwcLogin login = app.companies.login(username).orElseThrow(() ->
                        new IllegalArgumentException("no Web Connector login named '" + username + "'"));
                Company company = app.companies.company(login.companyId()).orElseThrow();
                System.out.print(QwcFile.render(login, company, url, app.config.get(Setting.QBWC_APP_NAME),
                        app.config.getInt(Setting.QBWC_RUN_EVERY_MINUTES)));
            }
            return 0;
        }
    }

    @Command(name = "migrate", description = "Apply database migrations and exit.")
    static final class Migrate extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            App.open(load(), Clock.systemUTC()).close();
            System.out.println("Database is up to date.");
            return 0;
        }
    }

    @Command(name = "resync", description = "Make the next Web Connector run pull every record of an entity again.")
    static final class Resync extends Common implements Callable<Integer> {
        @Option(names = "--company", required = true, paramLabel = "NAME")
        String company;

        @Option(names = "--entity", defaultValue = "customers", description = "customers or invoices")
        String entity;

        @Override
        public Integer call() {
            String key = switch (entity) {
                case "customers", "customer" -> "customer";
                case "invoices", "invoice" -> "invoice";
                default -> throw new IllegalArgumentException("entity must be customers or invoices");
            };
            try (App app = App.open(load(), Clock.systemUTC())) {
                Company c = app.companies.companyByName(company).orElseThrow(() ->
                        new IllegalArgumentException("no company named '" + company + "'"));
                app.sync.requestResync(c.id(), key);
                System.out.println("The next Web Connector run of '" + c.name() + "' pulls all " + entity + ".");
            }
            return 0;
        }
    }

    @Command(name = "simulate", description = "Play the Web Connector and a QuickBooks company file against a running"
            + " server: evaluate without QuickBooks, or load-test an installation.")
    static final class Simulate extends Common implements Callable<Integer> {
        @Option(names = "--url", paramLabel = "URL", description = "The server as the Web Connector reaches it"
                + " (default: http://localhost and http.port).")
        String url;

        @Option(names = "--username", required = true, description = "A Web Connector login (user add).")
        String username;

        @Option(names = "--password-stdin", required = true, description = "Read its password from standard input.")
        boolean passwordStdin;

        @Option(names = "--customers", paramLabel = "N", defaultValue = "1000", description = "Customers and jobs in"
                + " the company file (default: ${DEFAULT-VALUE}).")
        int customers;

        @Option(names = "--invoices", paramLabel = "N", defaultValue = "5000", description = "Invoices (default:"
                + " ${DEFAULT-VALUE}); about 7 in 10 get a payment.")
        int invoices;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Web Connector runs, with a day"
                + " of office work in QuickBooks before each after the first (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The same seed makes the same"
                + " company (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--force", description = "Run even when the login's company syncs a real company file: the"
                + " simulated records are added to it.")
        boolean force;

        @Option(names = "--multicurrency", paramLabel = "HOME,OTHER", description = "A file with multicurrency on:"
                + " home currency HOME, every third customer in OTHER (e.g. CAD,USD).")
        String multicurrency;

        @Override
        public Integer call() throws Exception {
            String password = readPassword();
            quiet();
            String base = url != null ? url : "http://localhost:" + load().get(Setting.HTTP_PORT);
            if (!base.matches("(?i)https?://[^/].*")) {
                throw new IllegalArgumentException("--url must be the server's http:// or https:// address, e.g."
                        + " http://localhost:8080");
            }
            String[] currencies = multicurrency == null ? new String[] {null, null}
                    : multicurrency.toUpperCase(java.util.Locale.ROOT).split(",", -1);
            if (currencies.length != 2) {
                throw new IllegalArgumentException("--multicurrency takes two ISO codes, e.g. CAD,USD");
            }
            Simulator.Options options = new Simulator.Options(QwcFile.endpointUnchecked(base), username, password,
                    customers, invoices, runs, seed, force, currencies[0], currencies[1]);
            return new Simulator(options, System.out).run();
        }
    }
}
