package org.creditnode.workflows.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.NodeKeyFiles;
import org.creditnode.config.NodeConfig;
import org.creditnode.federation.TlsMaterial;
import org.creditnode.node.Await;
import org.creditnode.node.CreditNode;
import org.creditnode.node.Http;
import org.creditnode.node.TestAccess;
import org.creditnode.node.TestNodes;
import org.creditnode.record.SampleRecords;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions pushed to a real HTTPS callback over real sockets: in order, signed by the node,
 * once; what was missed while the receiver was away (and across a node restart) arrives once;
 * a batch refused maxAttempts times is dead-lettered and replayed on request; bad callbacks refused.
 */
class SubscriptionPushTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Receiver receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) receiver.stop();
    }

    @Test
    void pushedInOrderSignedOnceAndWhatWasMissedWhileAwayArrivesOnce() throws Exception {
        NodeKeyFiles receiverKeys = FederationPki.ensureSelfContained(dir.resolve("receiver-pki"), "360999", KeyAlgorithm.SM2, PASSWORD);
        int port = TestNodes.freePort();
        receiver = new Receiver(receiverKeys, port);
        NodeConfig config = config(receiverKeys, 1000);
        List<String> sent = new ArrayList<>();
        String id;
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Http dept = TestAccess.department(node);
            id = subscribe(dept, port);
            for (int i = 0; i < 3; i++) sent.add(submit(dept, 100 + i));
            Await.until("three records pushed", WAIT, () -> receiver.ids().size() >= 3);
            assertEquals(sent, receiver.ids(), "in the order stored, once");
            PublicKey nodeKey = NodeIdentity.load(Path.of(config.keys.signingKeystore), PASSWORD, "signing").certificate().getPublicKey();
            for (Receiver.Push p : receiver.pushes) {
                assertTrue(p.signature().contains("alg=SM2-SM3;"), p.signature());
                byte[] sig = Base64.getDecoder().decode(p.signature().substring(p.signature().indexOf("value=") + 6));
                assertTrue(Verifier.verify(SignatureAlgorithm.SM2_SM3, nodeKey, p.body(), sig), "signed by the node over the exact body");
                assertEquals(id, Http.JSON.readTree(p.body()).get("subscription").asText());
            }

            receiver.stop(); // away: the node keeps trying
            for (int i = 0; i < 3; i++) sent.add(submit(dept, 200 + i));
            Await.until("attempts while the receiver is away", WAIT, () -> state(dept, id).path("attempts").asInt() > 0);
            assertTrue(state(dept, id).path("lastError").asText().length() > 0);
            receiver = new Receiver(receiverKeys, port); // back, same port
            Await.until("what was missed pushed", WAIT, () -> receiver.ids().size() >= 3);
            Await.until("cursor written", WAIT, () -> state(dept, id).path("attempts").asInt() == 0);
            assertEquals(sent.subList(3, 6), receiver.ids(), "everything missed, in order, once");
            JsonNode s = state(dept, id);
            assertEquals("ACTIVE", s.get("state").asText(), s.toString());
            assertTrue(s.hasNonNull("lastDeliveryAt"), s.toString());

            receiver.stop(); // away again, and the node restarts meanwhile
            for (int i = 0; i < 2; i++) sent.add(submit(dept, 300 + i));
            String subject = SampleRecords.validUscc(SampleRecords.REGION, 100);
            assertTrue(TestAccess.admin(node).get("/admin/v1/subjects/" + subject + "/queries").body().contains("subscription " + id),
                    "pushes are query-logged");
        }
        receiver = new Receiver(receiverKeys, port);
        try (CreditNode node = CreditNode.start(config, Clock.systemUTC())) {
            Await.until("pushed after the restart", WAIT, () -> receiver.ids().size() >= 2);
            assertEquals(sent.subList(6, 8), receiver.ids(), "the route is back from the database; nothing twice");
        }
    }

    @Test
    void aRefusedBatchIsDeadLetteredAndReplayedAndBadCallbacksAreRefused() throws Exception {
        NodeKeyFiles receiverKeys = FederationPki.ensureSelfContained(dir.resolve("receiver-pki"), "360999", KeyAlgorithm.SM2, PASSWORD);
        int port = TestNodes.freePort();
        receiver = new Receiver(receiverKeys, port);
        receiver.status.set(500);
        try (CreditNode node = CreditNode.start(config(receiverKeys, 3), Clock.systemUTC())) {
            Http dept = TestAccess.department(node);
            String id = subscribe(dept, port);
            String start = state(dept, id).get("cursor").asText();
            assertEquals(200, dept.postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.penalty()))).status());
            Await.until("the cursor passes over what it does not follow", WAIT, () -> !state(dept, id).get("cursor").asText().equals(start));
            assertEquals(0, receiver.pushes.size(), "nothing pushed for it");
            List<String> sent = new ArrayList<>(List.of(submit(dept, 400)));
            Await.until("dead-lettered", WAIT, () -> state(dept, id).path("state").asText().equals("DEAD_LETTER"));
            JsonNode dead = state(dept, id);
            assertEquals(3, dead.get("attempts").asInt(), dead.toString());
            assertTrue(dead.get("lastError").asText().contains("500"), dead.toString());
            assertEquals(1, dead.get("deadLetter").get("records").asInt(), dead.toString());
            assertEquals(3, receiver.pushes.size(), "maxAttempts, then no more");
            sent.add(submit(dept, 401)); // waits behind the dead letter: order per subject is kept

            receiver.status.set(200);
            receiver.pushes.clear();
            Http.Reply replay = dept.post("/api/v1/subscriptions/" + id + "/replay", "application/json", "");
            assertEquals(200, replay.status(), replay.body());
            Await.until("replayed", WAIT, () -> receiver.ids().size() >= 2);
            assertEquals(sent, receiver.ids());
            assertError(dept.post("/api/v1/subscriptions/" + id + "/replay", "application/json", ""), 409, "NOT_DEAD_LETTER");
            assertError(TestAccess.department(node).post("/api/v1/subscriptions/" + id + "/replay", "application/json", ""), 404, "NOT_FOUND");

            Http.Reply plain = dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION",
                    "categories", List.of("SERIOUS_DISHONESTY_LIST"), "callback", "http://127.0.0.1:" + port + "/hook"));
            assertError(plain, 400, "BAD_SUBSCRIPTION");
            assertTrue(plain.json().get("message").asText().startsWith("callback:"), plain.body());
            Http.Reply unreachable = dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION",
                    "categories", List.of("SERIOUS_DISHONESTY_LIST"), "callback", "https://127.0.0.1:" + TestNodes.freePort() + "/hook"));
            assertError(unreachable, 422, "CALLBACK_UNREACHABLE");
            assertTrue(unreachable.json().get("message").asText().startsWith("callback:"), unreachable.body());
            NodeKeyFiles strangerKeys = FederationPki.ensureSelfContained(dir.resolve("stranger-pki"), "360998", KeyAlgorithm.SM2, PASSWORD);
            int strangerPort = TestNodes.freePort();
            Receiver stranger = new Receiver(strangerKeys, strangerPort);
            try {
                Http.Reply untrusted = dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION",
                        "categories", List.of("SERIOUS_DISHONESTY_LIST"), "callback", "https://127.0.0.1:" + strangerPort + "/hook"));
                assertError(untrusted, 422, "CALLBACK_UNREACHABLE"); // a certificate neither the JDK nor callbackTrust vouches for
            } finally {
                stranger.stop();
            }

            String listed = TestAccess.admin(node).get("/admin/v1/subscriptions").body();
            assertTrue(listed.contains(id) && listed.contains("ACTIVE"), "operators see push subscriptions: " + listed);
            assertEquals(200, dept.delete("/api/v1/subscriptions/" + id).status());
            assertEquals("CANCELLED", state(dept, id).get("state").asText());
        }
    }

    private NodeConfig config(NodeKeyFiles receiverKeys, int maxAttempts) throws Exception {
        Path cfg = TestNodes.writeConfig(dir.resolve("node"), "360404", TestNodes.freePort(), "federation: { ownLogCheckMs: 0 }\n"
                + "subscriptions: { callbackTrust: " + receiverKeys.tlsTrust() + ", maxAttempts: " + maxAttempts
                + ", retryInitialDelayMs: 20, retryMaxDelayMs: 200, batchSize: 2, timeoutMs: 3000 }\n");
        return NodeConfig.load(cfg).resolve(null, null);
    }

    private static String subscribe(Http dept, int port) throws Exception {
        Http.Reply created = dept.postJson("/api/v1/subscriptions", Map.of("purpose", "SUPERVISION",
                "categories", List.of("SERIOUS_DISHONESTY_LIST"), "callback", "https://127.0.0.1:" + port + "/hook"));
        assertEquals(201, created.status(), created.body());
        return created.json().get("id").asText();
    }

    /** A record the subscription follows, and one it does not; the id of the first. */
    private static String submit(Http dept, int n) throws Exception {
        ObjectNode entry = SampleRecords.seriousDishonesty();
        ((ObjectNode) entry.get("subject")).put("code", SampleRecords.validUscc(SampleRecords.REGION, n));
        Http.Reply r = dept.postJson("/api/v1/records", Map.of("records", List.of(SampleRecords.penalty(), entry)));
        assertEquals(200, r.status(), r.body());
        return r.json().get("accepted").get(1).get("id").asText();
    }

    private static JsonNode state(Http dept, String id) throws Exception {
        Http.Reply r = dept.get("/api/v1/subscriptions/" + id);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static void assertError(Http.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().get("error").asText(), r.body());
    }

    /** An HTTPS callback with a certificate of its own PKI, which the node is configured to trust. */
    private static final class Receiver {
        record Push(byte[] body, String signature) {
        }

        final List<Push> pushes = new CopyOnWriteArrayList<>();
        final AtomicInteger status = new AtomicInteger(200);
        private final HttpsServer server;

        Receiver(NodeKeyFiles keys, int port) throws Exception {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(TlsMaterial.load(keys.tlsKeystore(), PASSWORD, keys.tlsTrust()).sslContext()));
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                pushes.add(new Push(body, exchange.getRequestHeaders().getFirst("X-Credit-Signature")));
                exchange.sendResponseHeaders(status.get(), -1);
                exchange.close();
            });
            server.start();
        }

        /** The record ids received, in order; positions must rise. */
        List<String> ids() throws Exception {
            List<String> out = new ArrayList<>();
            long last = -1;
            for (Push p : pushes) {
                if (status.get() != 200) continue;
                for (JsonNode item : Http.JSON.readTree(p.body()).get("records")) {
                    long position = Long.parseLong(item.get("position").asText());
                    assertTrue(position > last, "positions rise: " + position + " after " + last);
                    last = position;
                    out.add(item.get("record").get("id").asText());
                }
            }
            return out;
        }

        void stop() {
            server.stop(0);
        }
    }
}
