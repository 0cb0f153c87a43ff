package org.creditnode.store;

import org.creditnode.account.Account;
import org.creditnode.account.AccountRole;
import org.creditnode.account.Operator;
import org.creditnode.account.OperatorRole;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Department accounts and operator tokens, in the node's database (shared by its instances). */
public final class AccountStore {
    private static final String ACCOUNT_COLUMNS = "id, name, key_hash, authorities, categories, purposes, roles, rate_limit, "
            + "expires_at, created_at, revoked_at, revoke_reason, department_type";

    public record WithHash<T>(T holder, String hash) {
    }

    private final Database db;

    public AccountStore(Database db) {
        this.db = db;
    }

    public void insert(Account a, String keyHash) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO account (" + ACCOUNT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.name());
            ps.setString(3, keyHash);
            ps.setString(4, CommaSets.join(a.authorities()));
            ps.setString(5, CommaSets.join(a.categories()));
            ps.setString(6, CommaSets.join(a.purposes()));
            ps.setString(7, CommaSets.join(a.roles().stream().map(Enum::name).collect(Collectors.toCollection(java.util.TreeSet::new))));
            ps.setInt(8, a.rateLimit());
            ps.setString(9, a.expires() == null ? null : a.expires().toString());
            ps.setString(10, a.created().toString());
            ps.setString(11, a.departmentType());
            ps.executeUpdate();
        }
    }

    public Optional<WithHash<Account>> account(String id) throws SQLException {
        List<WithHash<Account>> found = accounts("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<Account> accounts() throws SQLException {
        return accounts("ORDER BY created_at, id").stream().map(WithHash::holder).toList();
    }

    /** Marks the account revoked; false if there is no such account or it was revoked already. */
    public boolean revoke(String id, String reason, Instant at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE account SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, at.toString());
            ps.setString(2, reason);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    private List<WithHash<Account>> accounts(String where, String... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account " + where)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            List<WithHash<Account>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<AccountRole> roles = EnumSet.noneOf(AccountRole.class);
                    CommaSets.split(rs.getString(7)).forEach(r -> roles.add(AccountRole.valueOf(r)));
                    out.add(new WithHash<>(new Account(rs.getString(1), rs.getString(2), CommaSets.split(rs.getString(4)), CommaSets.split(rs.getString(5)),
                            CommaSets.split(rs.getString(6)), roles, rs.getInt(8), instant(rs.getString(9)), instant(rs.getString(10)),
                            instant(rs.getString(11)), rs.getString(12), rs.getString(13)), rs.getString(3)));
                }
            }
            return out;
        }
    }

    // ---- operators ----

    public void insert(Operator o, String tokenHash) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO operator_token (id, name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)")) {
            ps.setString(1, o.id());
            ps.setString(2, o.name());
            ps.setString(3, o.role().name());
            ps.setString(4, tokenHash);
            ps.setString(5, o.created().toString());
            ps.executeUpdate();
        }
    }

    public Optional<WithHash<Operator>> operator(String id) throws SQLException {
        List<WithHash<Operator>> found = operators("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<Operator> operators() throws SQLException {
        return operators("ORDER BY created_at, id").stream().map(WithHash::holder).toList();
    }

    public boolean revokeOperator(String id, Instant at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE operator_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, at.toString());
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    public long operatorCount() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM operator_token");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<WithHash<Operator>> operators(String where, String... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, role, token_hash, created_at, revoked_at FROM operator_token " + where)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            List<WithHash<Operator>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WithHash<>(new Operator(rs.getString(1), rs.getString(2), OperatorRole.valueOf(rs.getString(3)),
                            instant(rs.getString(5)), instant(rs.getString(6))), rs.getString(4)));
                }
            }
            return out;
        }
    }


    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
