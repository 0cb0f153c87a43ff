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
        String url = storage.url;
        postgres = url.startsWith("jdbc:postgresql:");
        if (url.startsWith("jdbc:h2:file:") && !url.contains(";")) {
            // The node closes the database itself at shutdown, after the last commit.
            url = url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(storage.user);
        hc.setPassword(storage.password);
        hc.setMaximumPoolSize(storage.poolSize);
        hc.setPoolName("credit-db");
        hc.setAutoCommit(true);
        hc.setInitializationFailTimeout(10_000);
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

    public boolean isPostgres() { return postgres; }

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

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
