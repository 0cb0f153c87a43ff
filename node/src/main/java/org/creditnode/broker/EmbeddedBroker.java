package org.creditnode.broker;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The node's own Artemis broker: a persistent journal under the data folder, reachable in-VM only
 * (other nodes talk HTTP to this node, never to its broker).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String vmUrl;

    public EmbeddedBroker(Path dataDir, int vmId) throws Exception {
        this.vmUrl = "vm://" + vmId;
        Configuration cfg = new ConfigurationImpl()
                .setName("credit-node-" + vmId)
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                // A message the node counts on (a link's queue entry, sent before the department's
                // 2xx) is on disk when the send returns: the journal syncs every durable send.
                .setJournalSyncNonTransactional(true)
                .setJournalSyncTransactional(true)
                // The node's own disk reserve (storage.minFree) refuses new records before the disk
                // fills; Artemis's 90 % rule would instead block the committer's sends silently.
                .setMaxDiskUsage(-1)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", vmUrl)
                // Links keep their own dead-letter queues (dlq.<link>); this only quiets the broker's
                // warning about queues without broker-level dead-letter and expiry addresses.
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")));
        server.setConfiguration(cfg);
        long t0 = System.nanoTime();
        server.start();
        LOG.info("broker started dir={} ms={}", dataDir, (System.nanoTime() - t0) / 1_000_000);
    }

    /** URL for clients in this process. */
    public String url() { return vmUrl; }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
