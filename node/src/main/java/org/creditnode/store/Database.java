package org.creditnode.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool and the schema: H2 file database by default, PostgreSQL by URL. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    static {
        // H2 interns every string value it reads or writes in a cache keyed by the string's hash:
        // for 1 KB record texts, hashing them cost more than the cache saved (~13 % of H2's time
        // in a profile of a federation hop). Must be set before H2's SysProperties load.
        if (System.getProperty("h2.objectCache") == null) System.setProperty("h2.objectCache", "false");
    }

    private final HikariDataSource pool;
    private final boolean postgres;

    public Database(NodeConfig.Storage storage) {
        postgres = storage.url.startsWith("jdbc:postgresql:");
        String url = durableUrl(storage.url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(storage.user);
        hc.setPassword(storage.password);
        hc.setMaximumPoolSize(storage.poolSize);
        hc.setPoolName("credit-db");
        hc.setAutoCommit(true);
        hc.setInitializationFailTimeout(10_000);
        // A 2xx is given after COMMIT returns: PostgreSQL must have flushed its WAL by then, whatever
        // the server's default says.
        if (postgres) hc.setConnectionInitSql("SET synchronous_commit TO on");
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open database " + redact(storage.url) + ": " + rootMessage(e), e);
        }
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        LOG.info("database ready url={} postgres={}", redact(storage.url), postgres);
    }

    public DataSource dataSource() { return pool; }

    public Connection connection() throws SQLException { return pool.getConnection(); }

    /** Work on one connection in one transaction. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public boolean isPostgres() { return postgres; }

    /**
     * {@link #inTransaction} for a projection row that two writers may insert at once (a request's
     * read-your-writes and the log consumer): a unique-key violation (SQLSTATE 23505, H2 and
     * PostgreSQL alike) means the other one inserted it first — empty, not a fault.
     */
    public <T> java.util.Optional<T> inTransactionOnce(Work<T> work) throws SQLException {
        try {
            return java.util.Optional.ofNullable(inTransaction(work));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return java.util.Optional.empty();
            throw e;
        }
    }

    /** Whether the query, with these text parameters, finds a row. */
    static boolean exists(Connection c, String sql, String... args) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** True when a trivial query answers within a second: the health check. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * The URL the pool opens. H2 keeps commits in memory for its write delay (500 ms by default):
     * a process killed within that time lost acknowledged records (measured: 100 records after
     * kill -9 at 250 ms, 2 trials in 4). WRITE_DELAY=0 writes each commit to the file before
     * COMMIT returns, so a killed process loses nothing; H2 still does not fsync (a power cut may
     * lose the last commits — README says so). A URL that asks for a delay is refused.
     */
    static String durableUrl(String url) {
        if (!url.startsWith("jdbc:h2:file:")) return url;
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(";WRITE_DELAY=(\\d+)").matcher(upper);
        if (m.find() && !m.group(1).equals("0")) {
            throw new ConfigException("storage.url sets WRITE_DELAY=" + m.group(1) + ": H2 would acknowledge commits "
                    + "it has not written yet; remove it (the node sets WRITE_DELAY=0)");
        }
        StringBuilder out = new StringBuilder(url);
        if (!m.find(0)) out.append(";WRITE_DELAY=0");
        // The node closes the database itself at shutdown, after the last commit.
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) out.append(";DB_CLOSE_ON_EXIT=FALSE");
        return out.toString();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
