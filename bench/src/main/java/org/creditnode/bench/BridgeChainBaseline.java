package org.creditnode.bench;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.cluster.Bridge;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baseline for the end-to-end benchmark: the peer an integrator would otherwise reach for. The same
 * kind of records (opaque random bytes the size of one signed record) are moved county → city →
 * province → national by a chain of four plain Artemis brokers joined by core bridges:
 * store-and-forward, no verification, no database.
 *
 * <p>For simplicity all four brokers run embedded in <em>this</em> JVM (the node's own figure uses
 * separate processes). Each broker is still a full, independent server: persistent, with its own NIO
 * journal under {@code baseDir/<tier>} (configured like the node's
 * {@link org.creditnode.broker.EmbeddedBroker}), security and JMX off, and a Netty acceptor on a free
 * 127.0.0.1 port. Hops between brokers go over loopback TCP through the bridges; the producer (county)
 * and consumer (national) use in-VM connections, as the node's own clients do.
 *
 * <p>Broker {@code i} holds a durable anycast queue {@value #QUEUE} and (except national) a core
 * bridge that consumes it and forwards to broker {@code i+1}'s {@value #QUEUE} address, with duplicate
 * detection on, a 1 MiB confirmation window and unlimited reconnect attempts. A core bridge has no
 * "durable" switch of its own: durability comes from the durable queues and durable messages (the
 * source acks only after the target confirmed the persisted send).
 *
 * <p>{@link #close()} stops the brokers and deletes nothing: the caller owns the folder.
 */
public final class BridgeChainBaseline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeChainBaseline.class);

    /** Address and queue name on every broker of the chain. */
    public static final String QUEUE = "chain";
    /** Tiers in forwarding order. */
    public static final List<String> TIERS = List.of("county", "city", "province", "national");
    /** Integer property carrying the message's sequence number within one {@link #run}. */
    public static final String SEQ = "seq";
    /** Bridge confirmation window: the source may have this many bytes unconfirmed in flight. */
    public static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;

    private static final AtomicInteger VM_IDS = new AtomicInteger(7_300);

    /** Outcome of one {@link #run}. Rates are records per second. */
    public record Result(int messages, int messageBytes, int batchPerTx,
                         long received, long distinct,
                         double seconds, double recordsPerSecond,
                         double sendSeconds, double sendPerSecond) {
        /** True when every record arrived exactly once. */
        public boolean exact() { return received == messages && distinct == messages; }
    }

    private final Duration timeout;
    private final List<EmbeddedActiveMQ> brokers = new ArrayList<>();
    private final int[] ports = new int[TIERS.size()];
    private final int countyVmId;
    private final int nationalVmId;

    /** Starts the chain with a 120 s bound on each {@link #run}. */
    public BridgeChainBaseline(Path baseDir) throws Exception {
        this(baseDir, Duration.ofSeconds(120));
    }

    /**
     * Starts the four brokers (national first, so each bridge finds its target up) and waits until
     * all three bridges are connected.
     *
     * @param baseDir  folder for the four journals ({@code baseDir/county}, ...); created if missing
     * @param timeout  bound for bridge connection at start and for each {@link #run}
     */
    public BridgeChainBaseline(Path baseDir, Duration timeout) throws Exception {
        this.timeout = timeout;
        for (int i = 0; i < ports.length; i++) ports[i] = freeLoopbackPort();
        this.countyVmId = VM_IDS.incrementAndGet();
        this.nationalVmId = VM_IDS.incrementAndGet();
        EmbeddedActiveMQ[] started = new EmbeddedActiveMQ[TIERS.size()];
        try {
            for (int i = TIERS.size() - 1; i >= 0; i--) {
                EmbeddedActiveMQ b = new EmbeddedActiveMQ();
                b.setConfiguration(chainConfig(baseDir, i));
                b.start();
                started[i] = b;
            }
        } catch (Exception e) {
            for (EmbeddedActiveMQ b : started) if (b != null) stopQuietly(b);
            throw e;
        }
        brokers.addAll(List.of(started));
        awaitBridgesConnected();
        LOG.info("bridge chain up dir={} ports={}", baseDir, java.util.Arrays.toString(ports));
    }

    /** Netty (loopback) port of tier {@code i} (0 = county ... 3 = national). */
    public int port(int tier) { return ports[tier]; }

    /**
     * Sends {@code messages} durable messages of {@code messageBytes} random bytes into the county
     * broker, {@code batchPerTx} per transaction, and receives them all from the national broker
     * (acks committed every {@code batchPerTx}). The clock runs from the first send to the commit of
     * the last receive.
     *
     * @throws TimeoutException if not all messages reached national within the timeout
     */
    public Result run(int messages, int messageBytes, int batchPerTx) throws Exception {
        if (messages <= 0 || messageBytes < 0 || batchPerTx <= 0) throw new IllegalArgumentException(
                "messages>0, messageBytes>=0, batchPerTx>0 required");
        ExecutorService consumerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chain-consumer");
            t.setDaemon(true);
            return t;
        });
        try (ServerLocator inLocator = ActiveMQClient.createServerLocator("vm://" + countyVmId);
             ServerLocator outLocator = ActiveMQClient.createServerLocator("vm://" + nationalVmId);
             ClientSessionFactory inFactory = inLocator.createSessionFactory();
             ClientSessionFactory outFactory = outLocator.createSessionFactory();
             ClientSession in = inFactory.createTransactedSession();
             ClientSession out = outFactory.createTransactedSession()) {

            ClientConsumer consumer = out.createConsumer(QUEUE);
            out.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            BitSet seen = new BitSet(messages);
            long[] counts = new long[2]; // received, duplicates-or-foreign
            Future<Long> lastReceive = consumerThread.submit(() -> {
                int pending = 0;
                while (counts[0] < messages) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) break;
                    ClientMessage m = consumer.receive(Math.min(left, 500));
                    if (m == null) continue;
                    m.acknowledge();
                    counts[0]++;
                    Integer seq = m.getIntProperty(SEQ);
                    if (seq == null || seq < 0 || seq >= messages || seen.get(seq)) counts[1]++;
                    else seen.set(seq);
                    if (++pending >= batchPerTx) { out.commit(); pending = 0; }
                }
                if (pending > 0) out.commit();
                return System.nanoTime();
            });

            long t0 = System.nanoTime();
            sendPersistent(in, in.createProducer(QUEUE), messages, messageBytes, batchPerTx);
            long tSent = System.nanoTime();

            long tLast;
            try {
                tLast = lastReceive.get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(5),
                        TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("consumer on national failed", e.getCause());
            } catch (TimeoutException e) {
                throw new TimeoutException("bridge chain: consumer on national did not finish within "
                        + timeout.toSeconds() + " s");
            }
            long received = counts[0];
            if (received < messages) throw new TimeoutException("bridge chain: only " + received + " of "
                    + messages + " messages reached national within " + timeout.toSeconds() + " s");
            double secs = (tLast - t0) / 1e9;
            double sendSecs = (tSent - t0) / 1e9;
            long distinct = seen.cardinality();
            Result r = new Result(messages, messageBytes, batchPerTx, received, distinct,
                    secs, messages / secs, sendSecs, messages / sendSecs);
            LOG.info("bridge chain run messages={} bytes={} batch={} seconds={} records/s={} send/s={} distinct={}",
                    messages, messageBytes, batchPerTx, String.format("%.2f", secs),
                    Math.round(r.recordsPerSecond()), Math.round(r.sendPerSecond()), distinct);
            return r;
        } finally {
            consumerThread.shutdownNow();
        }
    }

    /**
     * Raw Artemis persistent send rate into one embedded broker (NIO journal under {@code dir},
     * in-VM client): {@code messages} durable messages of {@code bytes} random bytes,
     * {@code batchPerTx} per committed transaction. Nothing is consumed; the broker is stopped
     * afterwards and {@code dir} is left in place.
     *
     * @return sends per second, from the first send to the last commit
     */
    public static double persistentSendRate(Path dir, int messages, int bytes, int batchPerTx) throws Exception {
        if (messages <= 0 || bytes < 0 || batchPerTx <= 0) throw new IllegalArgumentException(
                "messages>0, bytes>=0, batchPerTx>0 required");
        int vmId = VM_IDS.incrementAndGet();
        Configuration cfg = baseConfig(dir, "raw-" + vmId)
                .addAcceptorConfiguration("in-vm", "vm://" + vmId)
                .addQueueConfiguration(QueueConfiguration.of("raw").setAddress("raw")
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(cfg);
        broker.start();
        try (ServerLocator locator = ActiveMQClient.createServerLocator("vm://" + vmId);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createTransactedSession()) {
            long t0 = System.nanoTime();
            sendPersistent(session, session.createProducer("raw"), messages, bytes, batchPerTx);
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = messages / secs;
            LOG.info("raw persistent sends messages={} bytes={} batch={} seconds={} sends/s={}",
                    messages, bytes, batchPerTx, String.format("%.2f", secs), Math.round(rate));
            return rate;
        } finally {
            stopQuietly(broker);
        }
    }

    @Override
    public void close() {
        // Bridges first (and wait for their stop tasks): a bridge stopped only as part of its broker's
        // shutdown logs AMQ222160 "IDGenerator has been stopped" for its BRIDGE_STOPPED notification.
        // Then the brokers in forwarding order, so no bridge is left retrying a stopped target.
        for (EmbeddedActiveMQ b : brokers) {
            ActiveMQServer s = b.getActiveMQServer();
            if (s == null || s.getClusterManager() == null) continue;
            for (Bridge bridge : s.getClusterManager().getBridges().values()) {
                try {
                    bridge.stop();
                    bridge.flushExecutor();
                } catch (Exception e) {
                    LOG.warn("bridge stop failed: {}", e.toString());
                }
            }
        }
        for (EmbeddedActiveMQ b : brokers) stopQuietly(b);
        brokers.clear();
    }

    // ------------------------------------------------------------------------------------------

    private Configuration chainConfig(Path baseDir, int tier) throws Exception {
        String name = TIERS.get(tier);
        Configuration cfg = baseConfig(baseDir.resolve(name), "chain-" + name)
                .addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + ports[tier])
                .addQueueConfiguration(QueueConfiguration.of(QUEUE).setAddress(QUEUE)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        if (tier == 0) cfg.addAcceptorConfiguration("in-vm", "vm://" + countyVmId);
        if (tier == TIERS.size() - 1) cfg.addAcceptorConfiguration("in-vm", "vm://" + nationalVmId);
        if (tier < TIERS.size() - 1) {
            String next = TIERS.get(tier + 1);
            String connector = "to-" + next;
            cfg.addConnectorConfiguration(connector, "tcp://127.0.0.1:" + ports[tier + 1]);
            BridgeConfiguration bridge = new BridgeConfiguration()
                    .setName(name + "-to-" + next)
                    .setQueueName(QUEUE)
                    .setForwardingAddress(QUEUE)
                    .setStaticConnectors(List.of(connector))
                    .setUseDuplicateDetection(true)
                    .setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES)
                    .setRetryInterval(200)
                    .setRetryIntervalMultiplier(1.5)
                    .setMaxRetryInterval(5_000)
                    .setInitialConnectAttempts(-1)
                    .setReconnectAttempts(-1);
            List<BridgeConfiguration> bridges = new ArrayList<>(cfg.getBridgeConfigurations());
            bridges.add(bridge);
            cfg.setBridgeConfigurations(bridges);
        }
        return cfg;
    }

    /** Same shape as the node's broker: persistent NIO journal, security and JMX off. */
    private static Configuration baseConfig(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return new ConfigurationImpl()
                .setName(name)
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")));
    }

    private void awaitBridgesConnected() throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int connected = 0;
            for (int i = 0; i < TIERS.size() - 1; i++) {
                ActiveMQServer s = brokers.get(i).getActiveMQServer();
                for (Bridge b : s.getClusterManager().getBridges().values()) if (b.isConnected()) connected++;
            }
            if (connected == TIERS.size() - 1) return;
            if (System.nanoTime() > deadline) {
                close();
                throw new TimeoutException("bridge chain: only " + connected + " of " + (TIERS.size() - 1)
                        + " bridges connected within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** {@code messages} durable messages of random bytes, numbered by {@link #SEQ}, committed every {@code batchPerTx}. */
    private static void sendPersistent(ClientSession session, ClientProducer producer, int messages, int bytes, int batchPerTx)
            throws ActiveMQException {
        SplittableRandom rnd = new SplittableRandom();
        byte[] body = new byte[bytes];
        for (int i = 0; i < messages; i++) {
            fill(rnd, body);
            ClientMessage m = session.createMessage(true);
            m.setRoutingType(RoutingType.ANYCAST);
            m.putIntProperty(SEQ, i);
            m.getBodyBuffer().writeBytes(body);
            producer.send(m);
            if ((i + 1) % batchPerTx == 0) session.commit();
        }
        if (messages % batchPerTx != 0) session.commit();
    }

    private static void fill(SplittableRandom rnd, byte[] body) {
        int i = 0;
        for (; i + 8 <= body.length; i += 8) {
            long v = rnd.nextLong();
            for (int k = 0; k < 8; k++) body[i + k] = (byte) (v >>> (k * 8));
        }
        if (i < body.length) {
            long v = rnd.nextLong();
            for (int k = 0; i < body.length; i++, k++) body[i] = (byte) (v >>> (k * 8));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void stopQuietly(EmbeddedActiveMQ b) {
        try {
            b.stop();
        } catch (Exception e) {
            LOG.warn("broker stop failed: {}", e.toString());
        }
    }
}
