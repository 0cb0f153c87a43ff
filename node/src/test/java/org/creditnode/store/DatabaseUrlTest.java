package org.creditnode.store;

import org.creditnode.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUrlTest {
    @Test
    void h2FileDatabasesWriteEachCommitBeforeItReturns() {
        assertEquals("jdbc:h2:file:/d/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", Database.durableUrl("jdbc:h2:file:/d/db"));
        assertEquals("jdbc:h2:file:/d/db;LOCK_TIMEOUT=5;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                Database.durableUrl("jdbc:h2:file:/d/db;LOCK_TIMEOUT=5"));
        assertEquals("jdbc:h2:file:/d/db;write_delay=0;DB_CLOSE_ON_EXIT=FALSE", Database.durableUrl("jdbc:h2:file:/d/db;write_delay=0"));
        assertEquals("jdbc:postgresql://h/db", Database.durableUrl("jdbc:postgresql://h/db"));
    }

    @Test
    void aDelayedWriteIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Database.durableUrl("jdbc:h2:file:/d/db;WRITE_DELAY=500"));
        assertTrue(e.getMessage().contains("WRITE_DELAY=500"), e.getMessage());
    }
}
