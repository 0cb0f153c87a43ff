package org.creditnode.access;

import org.creditnode.account.Account;
import org.creditnode.account.AccountRole;
import org.creditnode.account.Operator;
import org.creditnode.account.OperatorRole;
import org.creditnode.problem.Problem;
import org.creditnode.store.AccountStore;
import org.creditnode.record.Catalogue;
import org.creditnode.record.CodeCheck;
import org.creditnode.record.UnifiedSocialCreditCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling: department accounts (API keys) and operators (tokens) — created, checked and
 * revoked here. Refusals are Problems with PROTOCOL.md's codes; the HTTP gates audit them.
 */
public final class AccessControl {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    public static final String ACCOUNT_PREFIX = "cnk";
    public static final String OPERATOR_PREFIX = "cno";

    /** What an operator asks for when creating an account (the body of POST /admin/v1/accounts). */
    public record AccountRequest(String name, List<String> authorities, List<String> categories, List<String> purposes,
                                 List<String> roles, String expires, Integer rateLimit, String departmentType) {
    }

    public record Created<T>(T holder, String secret) {
    }

    private final AccountStore store;
    private final Catalogue catalogue;
    private final Purposes purposes;
    private final Clock clock;
    private final int defaultRateLimit;
    private final RateLimiter limiter = new RateLimiter(System::nanoTime);

    public AccessControl(AccountStore store, Catalogue catalogue, Purposes purposes, Clock clock, int defaultRateLimit) {
        this.store = store;
        this.catalogue = catalogue;
        this.purposes = purposes;
        this.clock = clock;
        this.defaultRateLimit = defaultRateLimit;
    }

    public Purposes purposes() { return purposes; }

    /**
     * On a node without any operator: issues the bootstrap operator token and writes it to
     * {@code file} (mode 0600), where the operator's first admin command finds it.
     */
    public void bootstrap(Path file) throws SQLException {
        if (store.operatorCount() > 0) return;
        Created<Operator> op = createOperator("bootstrap", OperatorRole.OPERATOR);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, op.secret() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (UnsupportedOperationException e) {
            try {
                Files.writeString(file, op.secret() + "\n");
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap operator token to " + file, e);
        }
        LOG.warn("bootstrap operator token written to {} (mode 0600): create named operator tokens with it, then revoke it", file);
    }

    // ---- department accounts ----

    public Created<Account> createAccount(AccountRequest r) throws SQLException {
        if (r == null) throw bad("BAD_ACCOUNT", "send {\"name\", \"authorities\", \"categories\", \"purposes\"}");
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            throw bad("BAD_ACCOUNT", "name: required, at most 200 characters (the department system's name)");
        }
        Set<String> authorities = new LinkedHashSet<>();
        for (String a : nonNull(r.authorities())) {
            String code = a == null ? "" : a.trim().toUpperCase(java.util.Locale.ROOT);
            CodeCheck check = UnifiedSocialCreditCode.check(code);
            if (!check.valid()) throw bad("BAD_ACCOUNT", "authorities: " + a + " is not a unified social credit code: " + check.message());
            authorities.add(code);
        }
        if (authorities.isEmpty()) throw bad("BAD_ACCOUNT", "authorities: name at least one authority (USCC) the account reports or reads for");
        Set<String> categories = new LinkedHashSet<>();
        for (String c : nonNull(r.categories())) {
            if (catalogue.category(c).isEmpty()) {
                throw bad("BAD_ACCOUNT", "categories: " + c + " is not in the catalogue (" + catalogue.categories() + ")");
            }
            categories.add(c);
        }
        Set<String> ps = new LinkedHashSet<>();
        for (String p : nonNull(r.purposes())) {
            if (purposes.find(p).isEmpty()) throw bad("BAD_ACCOUNT", "purposes: " + p + " is not configured (" + purposes.codes() + ")");
            ps.add(p);
        }
        Set<AccountRole> roles = EnumSet.noneOf(AccountRole.class);
        for (String role : r.roles() == null || r.roles().isEmpty() ? List.of("SUBMITTER") : r.roles()) {
            try {
                roles.add(AccountRole.valueOf(role));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw bad("BAD_ACCOUNT", "roles: " + role + " is not one of " + List.of(AccountRole.values()));
            }
        }
        Instant expires = null;
        if (r.expires() != null) {
            try {
                expires = java.time.OffsetDateTime.parse(r.expires()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw bad("BAD_ACCOUNT", "expires: " + r.expires() + " is not an ISO date-time such as 2027-12-31T23:59:59+08:00");
            }
            if (!expires.isAfter(clock.instant())) throw bad("BAD_ACCOUNT", "expires: " + r.expires() + " is in the past");
        }
        int rate = r.rateLimit() == null ? defaultRateLimit : r.rateLimit();
        if (rate < 1 || rate > 100_000) throw bad("BAD_ACCOUNT", "rateLimit: requests per second, 1 to 100000, got " + rate);
        String type = r.departmentType() == null || r.departmentType().isBlank() ? null : r.departmentType().trim();
        if (type != null && type.length() > 40) throw bad("BAD_ACCOUNT", "departmentType: at most 40 characters, e.g. 市场监管");
        Secrets.Issued key = Secrets.issue(ACCOUNT_PREFIX);
        Account a = new Account(key.id(), r.name().trim(), authorities, categories, ps, roles, rate, expires, clock.instant(), null, null, type);
        store.insert(a, key.hash());
        return new Created<>(a, key.token());
    }

    public boolean revokeAccount(String id, String reason) throws SQLException {
        return store.revoke(id, reason == null || reason.isBlank() ? "revoked by an operator" : reason, clock.instant());
    }

    public List<Account> accounts() throws SQLException { return store.accounts(); }

    /** The account behind an {@code Authorization} header, within its rate; else a Problem (401 or 429). */
    public Account authenticate(String authorization) throws SQLException {
        String token = Secrets.bearer(authorization);
        if (token == null) throw unauthenticated("UNAUTHENTICATED", "send Authorization: Bearer <api key>; keys are issued by the node's operator");
        Secrets.Parsed p = Secrets.parse(token, ACCOUNT_PREFIX)
                .orElseThrow(() -> unauthenticated("UNAUTHENTICATED", "the bearer token is not an API key of this node"));
        var found = store.account(p.id());
        if (found.isEmpty() || !Secrets.matches(p.secret(), found.get().hash())) {
            throw unauthenticated("UNAUTHENTICATED", "the API key is not valid on this node");
        }
        Account a = found.get().holder();
        if (a.revoked() != null) {
            throw unauthenticated("CREDENTIALS_REVOKED", "the API key of account " + a.id() + " was revoked on " + a.revoked()
                    + ": " + a.revokeReason());
        }
        if (a.expires() != null && !a.expires().isAfter(clock.instant())) {
            throw unauthenticated("CREDENTIALS_EXPIRED", "the API key of account " + a.id() + " expired on " + a.expires());
        }
        long wait = limiter.acquire("a:" + a.id(), a.rateLimit());
        if (wait > 0) {
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "RATE_LIMITED", "account " + a.id() + " may send " + a.rateLimit()
                    + " requests per second; retry after " + wait + " s", wait);
        }
        return a;
    }

    // ---- operators ----

    public Created<Operator> createOperator(String name, OperatorRole role) throws SQLException {
        if (name == null || name.isBlank() || name.length() > 200) throw bad("BAD_OPERATOR", "name: required, at most 200 characters");
        if (role == null) throw bad("BAD_OPERATOR", "role: one of " + List.of(OperatorRole.values()));
        Secrets.Issued t = Secrets.issue(OPERATOR_PREFIX);
        Operator o = new Operator(t.id(), name.trim(), role, clock.instant(), null);
        store.insert(o, t.hash());
        return new Created<>(o, t.token());
    }

    public boolean revokeOperator(String id) throws SQLException {
        return store.revokeOperator(id, clock.instant());
    }

    public List<Operator> operators() throws SQLException { return store.operators(); }

    public Operator authenticateOperator(String authorization) throws SQLException {
        String token = Secrets.bearer(authorization);
        if (token == null) {
            throw unauthenticated("UNAUTHENTICATED", "send Authorization: Bearer <operator token>; the first one is in <data>/admin.token");
        }
        Secrets.Parsed p = Secrets.parse(token, OPERATOR_PREFIX)
                .orElseThrow(() -> unauthenticated("UNAUTHENTICATED", "the bearer token is not an operator token of this node"));
        var found = store.operator(p.id());
        if (found.isEmpty() || !Secrets.matches(p.secret(), found.get().hash())) {
            throw unauthenticated("UNAUTHENTICATED", "the operator token is not valid on this node");
        }
        Operator o = found.get().holder();
        if (o.revoked() != null) throw unauthenticated("CREDENTIALS_REVOKED", "operator token " + o.id() + " was revoked on " + o.revoked());
        return o;
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : new ArrayList<>(l);
    }

    private static Problem bad(String code, String message) {
        return new Problem(Problem.Kind.BAD_REQUEST, code, message);
    }

    private static Problem unauthenticated(String code, String message) {
        return new Problem(Problem.Kind.UNAUTHENTICATED, code, message);
    }
}
