package dev.ledgerbridge.payment;

import dev.ledgerbridge.auth.SecretBox;
import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;

/**
 * The gateways this server was given and each company's account at them. A company's credentials are the ones an
 * admin saved (secrets sealed with the server's {@link SecretBox}, never shown again but for their last four
 * characters), and for each field left empty the default account's, read from the server's environment:
 * {@code LEDGERBRIDGE_GATEWAY_<GATEWAY>_<FIELD>} (e.g. LEDGERBRIDGE_GATEWAY_STRIPE_SECRET_KEY), or for the first secret
 * field the variable the settings name ({@code env:LEDGERBRIDGE_GATEWAY_...}). Credentials are never logged.
 */
public final class PaymentGateways {
    /**
     * Only variables named LEDGERBRIDGE_GATEWAY_*: the settings page says whether the variable is set, and a gateway
     * sends its value, so a reference to any other variable of the server (a database password) is refused.
     */
    static final Pattern CREDENTIALS_REF = Pattern.compile("env:LEDGERBRIDGE_GATEWAY_[A-Za-z0-9_]{1,80}");
    static final String ENV_PREFIX = "LEDGERBRIDGE_GATEWAY_";
    static final int MAX_CREDENTIAL = 500;
    /** The longest value a hosted-fields result may have (a payment nonce of Accept.js is about 1,000 characters). */
    public static final int MAX_HOSTED_RESULT = 4000;

    private final Database db;
    private final SecretBox box;
    private final Clock clock;
    private final Map<String, GatewayProvider> providers = new LinkedHashMap<>();
    private final Function<String, String> environment;
    private final Map<String, PaymentGateway> open = new ConcurrentHashMap<>();

    public PaymentGateways(Database db, SecretBox box, Clock clock, List<GatewayProvider> providers) {
        this(db, box, clock, providers, System::getenv);
    }

    public PaymentGateways(Database db, SecretBox box, Clock clock, List<GatewayProvider> providers,
                           Function<String, String> environment) {
        this.db = db;
        this.box = box;
        this.clock = clock;
        this.environment = environment;
        for (GatewayProvider p : providers) {
            this.providers.put(p.name(), p);
        }
    }

    /** The names of the gateways, the first being the one a company never configured uses. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /** What any gateway's hosted fields may post back (their form fields' names), to read from a card form. */
    public List<String> hostedResultFields() {
        return providers.values().stream().flatMap(p -> p.hostedResultFields().stream()).distinct().toList();
    }

    /** Labels of the known gateways, for the settings page. */
    public Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        providers.values().forEach(p -> m.put(p.name(), p.label()));
        return m;
    }

    public GatewayProvider provider(String name) {
        GatewayProvider p = name == null ? null : providers.get(name);
        if (p == null) {
            throw new PaymentException("Unknown payment gateway '" + name + "'; an admin can choose one under the"
                    + " company's payment settings.");
        }
        return p;
    }

    /** The gateway a company's payments go through now. */
    public PaymentGateway forSettings(PaymentSettings settings) {
        return open(settings.gateway(), credentials(settings.companyId(), settings.gateway(), settings.credentialsRef()));
    }

    /**
     * A company's account at a gateway, which need not be the one it uses now (a card is always charged, removed and
     * refunded at the gateway it was saved at).
     */
    public PaymentGateway forCompany(long companyId, String gateway) {
        PaymentSettings ps;
        try (SqlSession s = db.session()) {
            ps = s.getMapper(PaymentMapper.class).settings(companyId);
        }
        String ref = ps != null && gateway.equals(ps.gateway()) ? ps.credentialsRef() : null;
        return open(gateway, credentials(companyId, gateway, ref));
    }

    private PaymentGateway open(String gateway, Map<String, String> credentials) {
        GatewayProvider p = provider(gateway);
        String id = gateway + "\n" + dev.ledgerbridge.auth.Secrets.sha256(new TreeMap<>(credentials).toString());
        return open.computeIfAbsent(id, k -> p.open(credentials));
    }

    /** Whether the credentials reference resolves to a value (the value itself is never returned). */
    public boolean credentialsPresent(String ref) {
        if (ref == null || !CREDENTIALS_REF.matcher(ref).matches()) {
            return false;
        }
        String v = environment.apply(ref.substring(4));
        return v != null && !v.isBlank();
    }

    /** The default account's variable of a field, e.g. LEDGERBRIDGE_GATEWAY_STRIPE_SECRET_KEY for secretKey. */
    public static String defaultVariable(String gateway, String field) {
        return ENV_PREFIX + gateway.toUpperCase(Locale.ROOT) + "_"
                + field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The credentials a company's account at the gateway opens with: saved ones, else the default account's. */
    Map<String, String> credentials(long companyId, String gateway, String credentialsRef) {
        GatewayProvider p = provider(gateway);
        Map<String, String> out = new LinkedHashMap<>();
        if (p.fields().isEmpty()) {
            return out;
        }
        Map<String, GatewayMapper.Credential> stored = stored(companyId, gateway);
        boolean firstSecret = true;
        for (GatewayProvider.CredentialField f : p.fields()) {
            GatewayMapper.Credential c = stored.get(f.name());
            String v = c == null ? null : f.secret() ? (c.sealedValue == null ? null : box.open(c.sealedValue))
                    : c.publicValue;
            if (v == null && f.secret() && firstSecret && credentialsRef != null
                    && CREDENTIALS_REF.matcher(credentialsRef).matches()) {
                v = blankToNull(environment.apply(credentialsRef.substring(4)));
            }
            if (v == null) {
                v = blankToNull(environment.apply(defaultVariable(gateway, f.name())));
            }
            if (v != null) {
                out.put(f.name(), v);
            }
            firstSecret &= !f.secret();
        }
        return out;
    }

    private Map<String, GatewayMapper.Credential> stored(long companyId, String gateway) {
        Map<String, GatewayMapper.Credential> m = new LinkedHashMap<>();
        try (SqlSession s = db.session()) {
            for (GatewayMapper.Credential c : s.getMapper(GatewayMapper.class).credentials(companyId, gateway)) {
                m.put(c.name, c);
            }
        }
        return m;
    }

    /** What the settings page and the API may show of a credential: a public value, or a secret's last four. */
    public record CredentialView(String name, String label, boolean secret, boolean required, String help,
                                 String value, String last4, boolean saved, String fromVariable) {
    }

    /** The company's credentials at a gateway as they may be shown (never a secret). */
    public List<CredentialView> view(long companyId, String gateway) {
        GatewayProvider p = provider(gateway);
        Map<String, GatewayMapper.Credential> stored = stored(companyId, gateway);
        return p.fields().stream().map(f -> {
            GatewayMapper.Credential c = stored.get(f.name());
            boolean saved = c != null && (f.secret() ? c.sealedValue != null : c.publicValue != null);
            String variable = defaultVariable(gateway, f.name());
            String env = blankToNull(environment.apply(variable));
            String value = f.secret() ? null : saved ? c.publicValue : env;
            String last4 = f.secret() ? (saved ? c.last4 : env == null ? null : SecretBox.last4(env)) : null;
            return new CredentialView(f.name(), f.label(), f.secret(), f.required(), f.help(), value, last4, saved,
                    !saved && env != null ? variable : null);
        }).toList();
    }

    /**
     * Checks and saves typed credentials of a company's account at a gateway, in the caller's transaction. A field
     * absent or blank keeps what was saved (so a secret is entered once); the provider checks the result.
     */
    void save(SqlSession s, long companyId, String gateway, String credentialsRef, Map<String, String> typed,
              String by) {
        GatewayProvider p = provider(gateway);
        Map<String, String> merged = new LinkedHashMap<>(credentials(companyId, gateway, credentialsRef));
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : (typed == null ? Map.<String, String>of() : typed).entrySet()) {
            String v = blankToNull(e.getValue());
            if (v == null) {
                continue;
            }
            if (p.fields().stream().noneMatch(f -> f.name().equals(e.getKey()))) {
                throw new PaymentException(p.label() + " has no setting '" + e.getKey() + "'; it takes "
                        + String.join(", ", p.fields().stream().map(GatewayProvider.CredentialField::name).toList())
                        + ".");
            }
            if (v.length() > MAX_CREDENTIAL || v.chars().anyMatch(Character::isWhitespace)) {
                throw new PaymentException("The " + label(p, e.getKey()) + " must be one word of at most "
                        + MAX_CREDENTIAL + " characters, as the gateway's dashboard shows it.");
            }
            merged.put(e.getKey(), v);
            changes.put(e.getKey(), v);
        }
        for (GatewayProvider.CredentialField f : p.fields()) {
            if (f.required() && !merged.containsKey(f.name())) {
                throw new PaymentException(p.label() + " needs the " + f.label() + ".");
            }
        }
        p.check(merged);
        GatewayMapper m = s.getMapper(GatewayMapper.class);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            boolean secret = p.fields().stream().anyMatch(f -> f.name().equals(e.getKey()) && f.secret());
            GatewayMapper.Credential c = new GatewayMapper.Credential();
            c.name = e.getKey();
            c.publicValue = secret ? null : e.getValue();
            c.sealedValue = secret ? box.seal(e.getValue()) : null;
            c.last4 = secret ? SecretBox.last4(e.getValue()) : null;
            m.upsertCredential(companyId, gateway, c, clock.instant(), by);
        }
    }

    private static String label(GatewayProvider p, String field) {
        return p.fields().stream().filter(f -> f.name().equals(field)).map(GatewayProvider.CredentialField::label)
                .findFirst().orElse(field);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
