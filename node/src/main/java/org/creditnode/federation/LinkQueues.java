package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
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
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.store.RecordLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable outbound queues, one per neighbour ({@code fed.<id>}) plus its dead-letter queue
 * ({@code dlq.<id>}). A message names records by origin and sequence number; the records
 * themselves stay in the database. Messages are written by {@link LinkFeeder}, a consumer of the
 * committed-record log. Each carries a duplicate-detection id derived from its content, so that
 * queueing the same records again after a crash is mostly dropped by the broker; what gets
 * through twice the receiver counts as a duplicate and stores once.
 */
public final class LinkQueues implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession producerSession;
    private final ClientProducer producer;

    public LinkQueues(String brokerUrl, Collection<String> links) throws Exception {
        locator = ActiveMQClient.createServerLocator(brokerUrl).setBlockOnDurableSend(true);
        factory = locator.createSessionFactory();
        // Sends are not transacted: in a transaction Artemis fails the whole commit on a duplicate id,
        // while alone a duplicate is dropped quietly — which is exactly the re-queue-after-crash case.
        producerSession = factory.createSession(true, true);
        for (String link : links) {
            ensureQueue(producerSession, queue(link));
            ensureQueue(producerSession, deadLetters(link));
        }
        producer = producerSession.createProducer();
    }

    public static String queue(String link) { return "fed." + link; }

    public static String deadLetters(String link) { return "dlq." + link; }

    private static void ensureQueue(ClientSession s, String name) throws ActiveMQException {
        if (!s.queueQuery(SimpleString.of(name)).isExists()) {
            s.createQueue(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
    }

    /** A new session on this broker, for a link's consumer. */
    public ClientSession newSession() throws ActiveMQException {
        return factory.createSession(false, false);
    }

    /** Queues records for their links: one durable message per link, acknowledged by the broker before this returns. */
    public synchronized void enqueue(Map<String, List<RecordLog.Entry>> byLink) throws ActiveMQException {
        for (var e : byLink.entrySet()) {
                if (e.getValue().isEmpty()) continue;
                byte[] body = refs(e.getValue());
                ClientMessage m = producerSession.createMessage(true);
                m.writeBodyBufferBytes(body);
                m.putIntProperty("records", e.getValue().size());
                m.putStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(),
                        e.getKey() + ":" + HexFormat.of().formatHex(HashAlgorithm.SHA256.digest(body)));
                producer.send(queue(e.getKey()), m);
        }
    }

    /** Message body: {"refs": [{"origin": o, "seqs": [..]}]}, in the order the records came. */
    static byte[] refs(List<RecordLog.Entry> records) {
        Map<String, ArrayNode> byOrigin = new LinkedHashMap<>();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode refs = root.putArray("refs");
        for (RecordLog.Entry r : records) {
            byOrigin.computeIfAbsent(r.origin(), o -> {
                ObjectNode ref = refs.addObject();
                ref.put("origin", o);
                return ref.putArray("seqs");
            }).add(r.seq());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Ref(String origin, List<Long> seqs) {
    }

    public static List<Ref> parseRefs(ClientMessage m) {
        byte[] body = new byte[m.getBodyBuffer().readableBytes()];
        m.getBodyBuffer().readBytes(body);
        try {
            List<Ref> out = new ArrayList<>();
            for (JsonNode ref : JSON.readTree(body).get("refs")) {
                List<Long> seqs = new ArrayList<>();
                ref.get("seqs").forEach(s -> seqs.add(s.asLong()));
                out.add(new Ref(ref.get("origin").asText(), seqs));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long depth(String queue) {
        try {
            return producerSession.queueQuery(SimpleString.of(queue)).getMessageCount();
        } catch (ActiveMQException e) {
            return -1;
        }
    }

    /** Moves every dead letter of a link back to its queue; returns how many. */
    public synchronized int replayDeadLetters(String link) throws ActiveMQException {
        int moved = 0;
        try (ClientSession s = newSession()) {
            s.start();
            try (ClientConsumer c = s.createConsumer(deadLetters(link)); ClientProducer p = s.createProducer()) {
                ClientMessage m;
                while ((m = c.receiveImmediate()) != null) {
                    ClientMessage copy = s.createMessage(true);
                    byte[] body = new byte[m.getBodyBuffer().readableBytes()];
                    m.getBodyBuffer().readBytes(body);
                    copy.writeBodyBufferBytes(body);
                    copy.putIntProperty("records", m.getIntProperty("records"));
                    p.send(queue(link), copy);
                    m.acknowledge();
                    moved++;
                }
                s.commit();
            }
        }
        return moved;
    }

    /** A look at a link's dead letters without taking them: records named and the last error. */
    public synchronized List<Map<String, Object>> browseDeadLetters(String link, int limit) throws ActiveMQException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ClientSession s = newSession()) {
            s.start();
            try (ClientConsumer c = s.createConsumer(SimpleString.of(deadLetters(link)), true)) {
                ClientMessage m;
                while (out.size() < limit && (m = c.receiveImmediate()) != null) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("records", m.getIntProperty("records"));
                    item.put("refs", parseRefs(m));
                    item.put("error", m.getStringProperty("error"));
                    item.put("failedAt", m.getStringProperty("failedAt"));
                    out.add(item);
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        producerSession.close();
        factory.close();
        locator.close();
    }
}
