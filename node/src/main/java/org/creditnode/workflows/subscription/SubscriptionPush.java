package org.creditnode.workflows.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.account.Account;
import org.creditnode.log.LogSignal;
import org.creditnode.sign.Signer;
import org.creditnode.store.AccountStore;
import org.creditnode.store.StoredRecord;
import org.creditnode.store.SubscriptionPushes;
import org.creditnode.store.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The safety steps of a push subscription's route (routes/subscription-push.yaml): select the
 * next batch (leased, not dead-lettered, back-off over, read exactly as a pull reads it — same
 * purpose rules, the same query-log entry once it is sent), sign it, send it, and move the durable cursor only after
 * the callback's 2xx. A failure counts an attempt and sets the back-off; after maxAttempts the
 * batch is dead-lettered and the subscription waits for a replay, so nothing later overtakes it.
 */
public final class SubscriptionPush {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionPush.class);
    /** Longest a route's round waits for records or for its back-off before it looks again. */
    private static final long IDLE_MS = 500;
    public static final String SIGNATURE_HEADER = "X-Credit-Signature";

    /** Renders a record in the shape pulls carry it. */
    public interface Renderer {
        JsonNode render(StoredRecord r) throws Exception;
    }

    /** One batch in flight on a route: the exchange's body from select to delivered (or failed). */
    public static final class Batch {
        final Subscriptions.Subscription subscription;
        final Account account;
        final SubscriptionPushes.State state;
        final SubscriptionService.Page page;
        byte[] body;
        String signature;

        Batch(Subscriptions.Subscription subscription, Account account, SubscriptionPushes.State state, SubscriptionService.Page page) {
            this.subscription = subscription;
            this.account = account;
            this.state = state;
            this.page = page;
        }
    }

    private final SubscriptionService service;
    private final SubscriptionPushes pushes;
    private final AccountStore accounts;
    private final Callbacks callbacks;
    private final Signer signer;
    private final Renderer renderer;
    private final LogSignal stored;
    private final ObjectMapper json;
    private final String owner;
    private final long leaseMs;
    private final Clock clock;
    /** Subscriptions whose routes are being stopped (or "*" for all): their rounds end at once. */
    private final java.util.Set<String> stopping = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SubscriptionPush(SubscriptionService service, SubscriptionPushes pushes, AccountStore accounts, Callbacks callbacks, Signer signer,
                            Renderer renderer, LogSignal stored, ObjectMapper json, String owner, long leaseMs, Clock clock) {
        this.service = service;
        this.pushes = pushes;
        this.accounts = accounts;
        this.callbacks = callbacks;
        this.signer = signer;
        this.renderer = renderer;
        this.stored = stored;
        this.json = json;
        this.owner = owner;
        this.leaseMs = leaseMs;
        this.clock = clock;
    }

    /** The next batch to push, or null (after waiting up to half a second) when there is none now. */
    public Batch select(String id, int batchSize) throws Exception {
        if (stopping(id)) return null;
        long seen = stored.generation(); // before reading: a commit after this wakes the wait below
        long now = clock.millis();
        Optional<SubscriptionPushes.State> claimed = pushes.claim(id, owner, now, leaseMs);
        Subscriptions.Subscription s = service.find(id).orElse(null);
        if (claimed.isEmpty() || s == null || s.cancelledAt() != null || !claimed.get().state().equals(SubscriptionPushes.ACTIVE)) {
            return idle(seen, IDLE_MS); // another instance's, cancelled, or dead-lettered: wait for a replay
        }
        SubscriptionPushes.State state = claimed.get();
        if (state.nextAttemptAt() > now) return idle(seen, Math.min(IDLE_MS, state.nextAttemptAt() - now));
        Optional<Account> account = accounts.account(s.account()).map(AccountStore.WithHash::holder)
                .filter(a -> a.revoked() == null && (a.expires() == null || a.expires().isAfter(clock.instant())));
        if (account.isEmpty()) return idle(seen, IDLE_MS); // a revoked account reads nothing, pushed or pulled
        SubscriptionService.Page page = service.read(s, state.cursor(), batchSize);
        if (page.records().isEmpty()) {
            // entries it does not follow: the cursor moves past them without a push
            if (page.nextCursor() > state.cursor()) pushes.delivered(id, owner, state.cursor(), page.nextCursor(), null);
            else idle(seen, IDLE_MS);
            return null;
        }
        return new Batch(s, account.get(), state, page);
    }

    /**
     * The body {"subscription", "records": [{"position", "record"}], "nextCursor"} and the node's
     * signature over its exact bytes.
     */
    public void sign(Batch b) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("subscription", b.subscription.id());
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < b.page.records().size(); i++) {
            ObjectNode item = records.addObject();
            item.put("position", String.valueOf(b.page.positions().get(i)));
            item.set("record", renderer.render(b.page.records().get(i)));
        }
        body.put("nextCursor", String.valueOf(b.page.nextCursor()));
        b.body = json.writeValueAsBytes(body);
        b.signature = "keyId=" + signer.keyId() + ";alg=" + signer.algorithm().wireName() + ";value="
                + Base64.getEncoder().encodeToString(signer.sign(b.body));
    }

    /**
     * POSTs the body. Every attempt that may have reached the callback is query-logged, as a pull
     * is; one that found nobody there (no connection, no TLS) disclosed nothing and is not.
     */
    public void send(Batch b) throws Exception {
        int status;
        try {
            status = callbacks.post(URI.create(b.subscription.callback()), b.body, Map.of(SIGNATURE_HEADER, b.signature));
        } catch (java.net.ConnectException | javax.net.ssl.SSLHandshakeException nobodyThere) {
            throw nobodyThere;
        } catch (Exception maybeSent) {
            service.logRead(b.account, b.subscription, b.page);
            throw maybeSent;
        }
        service.logRead(b.account, b.subscription, b.page);
        if (status < 200 || status > 299) throw new CallbackRefused("callback answered HTTP " + status);
    }

    /** After the 2xx: the cursor moves on (the receiver drops by position what it may see again after a crash). */
    public void delivered(Batch b) throws Exception {
        if (!pushes.delivered(b.subscription.id(), owner, b.state.cursor(), b.page.nextCursor(), clock.instant().toString())) {
            LOG.info("push {}: cursor not moved (lease lost or cancelled); the batch may be pushed again", b.subscription.id());
        }
    }

    /** An attempt failed: back-off doubled up to the maximum, or the batch dead-lettered after maxAttempts. */
    public void failed(Batch b, Exception e, int maxAttempts, long initialDelayMs, long maxDelayMs) throws Exception {
        int attempts = b.state.attempts() + 1;
        String error = e instanceof CallbackRefused ? e.getMessage() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String at = clock.instant().toString();
        SubscriptionPushes.DeadLetter dead = attempts >= maxAttempts
                ? new SubscriptionPushes.DeadLetter(b.state.cursor(), b.page.nextCursor(), b.page.records().size(), at) : null;
        long delay = Math.min(maxDelayMs, initialDelayMs << Math.min(30, attempts - 1));
        pushes.failed(b.subscription.id(), owner, error, at, clock.millis() + delay, dead);
        if (dead != null) LOG.warn("push {}: dead-lettered after {} attempts, waiting for a replay: {}", b.subscription.id(), attempts, error);
        else LOG.info("push {}: attempt {} failed, next in {} ms: {}", b.subscription.id(), attempts, delay, error);
    }

    /** At a clean stop, after the routes stopped: another instance may push these subscriptions at once. */
    public void releaseLeases() {
        try {
            pushes.release(owner);
        } catch (Exception e) {
            LOG.info("push leases not released (they expire in {} ms): {}", leaseMs, e.toString());
        }
    }

    /** Ends the rounds of a subscription's route (all routes for "*") before the route is stopped. */
    void stopping(String id, boolean on) {
        if (on) stopping.add(id);
        else stopping.remove(id);
        stored.wake();
    }

    private boolean stopping(String id) {
        return stopping.contains(id) || stopping.contains("*");
    }

    private Batch idle(long seen, long ms) throws InterruptedException {
        if (ms > 0) stored.await(seen, ms);
        return null;
    }

    /** The callback answered, but not with a 2xx. */
    static final class CallbackRefused extends Exception {
        CallbackRefused(String message) {
            super(message, null, false, false);
        }
    }
}
