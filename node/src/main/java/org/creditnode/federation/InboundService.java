package org.creditnode.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.log.LogSignal;
import org.creditnode.problem.Problem;
import org.creditnode.route.LinkRouter;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.Signer;
import org.creditnode.store.AuditLog;
import org.creditnode.store.CertificateStore;
import org.creditnode.store.DiskReserve;
import org.creditnode.store.OriginConflicts;
import org.creditnode.record.CreditRecord;
import org.creditnode.record.RecordStatus;
import org.creditnode.store.RecordSeal;
import org.creditnode.store.RecordStore;
import org.creditnode.store.SignBatch;
import org.creditnode.store.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Takes records from a neighbour (pushed deliveries and catch-up pulls alike): verifies each
 * against its origin's signature, checks the neighbour may send it, stores what is new exactly
 * once (which appends it to the committed-record log, from where it is queued onward), advances
 * the origins' watermarks, and answers with a receipt signed by this node. Refusals are audited.
 */
public final class InboundService {
    private static final Logger LOG = LoggerFactory.getLogger(InboundService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String self;
    private final RecordVerifier verifier;
    private final LinkRouter router;
    private final RecordStore store;
    private final CertificateStore certificates;
    private final AuditLog audit;
    private final LogSignal stored;
    private final Signer signer;
    private final List<String> ownChainPem;
    private final DiskReserve disk;
    private final OriginConflicts conflicts;
    /** When each neighbour last delivered records this node took (stored or already held): the operator views' "last exchange". */
    private final Map<String, java.time.Instant> lastTaken = new java.util.concurrent.ConcurrentHashMap<>();

    public InboundService(String self, RecordVerifier verifier, LinkRouter router, RecordStore store,
                          CertificateStore certificates, AuditLog audit, Signer signer,
                          List<X509Certificate> ownChain, DiskReserve disk, OriginConflicts conflicts, LogSignal stored) {
        this.stored = stored;
        this.disk = disk;
        this.conflicts = conflicts;
        this.self = self;
        this.verifier = verifier;
        this.router = router;
        this.store = store;
        this.certificates = certificates;
        this.audit = audit;
        this.signer = signer;
        this.ownChainPem = Delivery.pemChain(ownChain);
    }

    private record Candidate(StoredRecord record, SignBatch batch) {
    }

    public Receipt accept(String sender, Delivery received) throws Exception {
        disk.shortage().ifPresent(s -> {
            // 503, not 507: the sender keeps the delivery queued and retries, which is what it should do.
            throw new Problem(Problem.Kind.UNAVAILABLE, "INSUFFICIENT_STORAGE", "nothing was taken: " + s.message());
        });
        requireProtocol(received);
        Delivery delivery = received.inlined();
        List<FederatedRecord> records = delivery.records() == null ? List.of() : delivery.records();
        long t0 = System.nanoTime();
        List<Verdict> verdicts = verifier.verifyAll(delivery);
        long t1 = System.nanoTime();
        List<Receipt.RefusedRecord> refused = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            FederatedRecord fr = records.get(i);
            Verdict v = verdicts.get(i);
            if (!v.isOk()) {
                JsonNode unverified = parse(fr); // only to name the record in the refusal
                refuse(refused, sender, unverified == null ? "#" + i : unverified.path("id").asText("#" + i), v.code().name(), v.message());
                continue;
            }
            JsonNode rec = v.record();
            String id = rec.path("id").asText();
            String origin = rec.path("origin").asText();
            String category = rec.path("category").asText();
            if (origin.equals(self)) {
                refuse(refused, sender, id, "OWN_ORIGIN", "records of origin " + self + " are issued here, not received");
                continue;
            }
            var policy = router.refusesFrom(sender, category);
            if (policy.isPresent()) {
                refuse(refused, sender, id, "POLICY", policy.get());
                continue;
            }
            candidates.add(toCandidate(fr, rec, v.proof(), sender));
        }
        List<String> accepted = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        long t2 = System.nanoTime();
        List<StoredRecord> fresh = store(candidates, delivery.certificates(), sender, accepted, duplicates, refused);
        long t3 = System.nanoTime();
        if (!fresh.isEmpty()) stored.committed(); // the log's consumers (the links first) take them on from here
        if (!accepted.isEmpty() || !duplicates.isEmpty()) lastTaken.put(sender, java.time.Instant.now());
        if (!refused.isEmpty() || !accepted.isEmpty() || !duplicates.isEmpty()) {
            LOG.info("delivery from={} records={} accepted={} duplicates={} refused={} verifyMs={} checkMs={} storeMs={}",
                    sender, records.size(), accepted.size(), duplicates.size(), refused.size(), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
        return sign(new Receipt(self, sender, OffsetDateTime.now(ZoneOffset.UTC).toString(), accepted, duplicates,
                refused, signer.keyId(), null, null));
    }

    /**
     * Takes back this node's own records from a neighbour that holds more of them than this node
     * (its data ends earlier: a restored backup, a tail lost in a power cut). Each must carry this
     * node's own valid signature; they are stored as this node's own (no arrival link) and move its
     * chain head on, so that the next record is numbered after them. Returns how many were new.
     */
    public synchronized int restoreOwn(String from, Delivery received) throws Exception {
        requireProtocol(received);
        Delivery delivery = received.inlined();
        List<FederatedRecord> records = delivery.records() == null ? List.of() : delivery.records();
        List<Verdict> verdicts = verifier.verifyAll(delivery);
        List<Candidate> candidates = new ArrayList<>();
        List<Receipt.RefusedRecord> refused = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Verdict v = verdicts.get(i);
            if (!v.isOk()) {
                refuse(refused, from, "#" + i, v.code().name(), "while restoring own records: " + v.message());
                continue;
            }
            if (!v.record().path("origin").asText().equals(self)) continue;
            candidates.add(toCandidate(records.get(i), v.record(), v.proof(), null));
        }
        List<String> accepted = new ArrayList<>();
        store(candidates, delivery.certificates(), from, accepted, new ArrayList<>(), refused);
        return accepted.size();
    }

    /**
     * Stores the new candidates in one transaction and returns them; duplicates are counted, not
     * returned, and never stored (so never logged, never forwarded) a second time.
     */
    private synchronized List<StoredRecord> store(List<Candidate> candidates, Map<String, List<String>> certs, String sender,
                                                  List<String> accepted, List<String> duplicates, List<Receipt.RefusedRecord> refused) throws SQLException {
        if (candidates.isEmpty()) return List.of();
        Set<String> origins = new LinkedHashSet<>();
        for (Candidate c : candidates) origins.add(c.record().origin());
        for (String o : origins) store.ensureHead(o);
        List<StoredRecord> fresh = new ArrayList<>();
        List<OriginConflicts.Conflict> found = new ArrayList<>();
        try (Connection c = store.database().connection()) {
            c.setAutoCommit(false);
            try {
                Set<String> batchesAdded = new HashSet<>();
                Set<String> inThisDelivery = new HashSet<>();
                Set<String> keysStored = new HashSet<>();
                Map<String, String> held = heldHashes(c, candidates);
                for (Candidate cand : candidates) {
                    StoredRecord r = cand.record();
                    String key = r.id() + "@" + r.version();
                    String existing = held.get(key);
                    if (existing != null || !inThisDelivery.add(key)) {
                        if (existing != null && !existing.equals(r.hash())) {
                            // Audited once per origin below, not once per offer: catch-up and retries repeat it.
                            refused.add(new Receipt.RefusedRecord(r.id(), "CONFLICT", "a different record " + key + " is already held here"));
                            found.add(new OriginConflicts.Conflict(r.origin(), r.seq(), r.id(), "HASH_MISMATCH", existing, r.hash(), sender, null));
                            continue;
                        }
                        duplicates.add(key);
                        continue;
                    }
                    if (cand.batch() != null && !batchesAdded.contains(cand.batch().batchId())
                            && !store.batchExists(c, cand.batch().batchId())) {
                        store.insertBatch(c, cand.batch());
                        batchesAdded.add(cand.batch().batchId());
                    }
                    if (keysStored.add(r.keyId())) {
                        certificates.putIfAbsent(c, r.keyId(), r.origin(), String.join("", certs.get(r.keyId())));
                    }
                    fresh.add(r);
                    accepted.add(key);
                }
                store.insertRecords(c, fresh);
                for (String o : origins) {
                    var adv = store.advanceWatermark(c, o, fresh);
                    if (adv.brokenAt() != null) {
                        String id = adv.brokenAt();
                        long seq = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
                        found.add(new OriginConflicts.Conflict(o, seq, id, "CHAIN_BROKEN", adv.head().lastHash(), null, sender, null));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        for (OriginConflicts.Conflict k : found) {
            if (conflicts.record(k)) {
                String what = k.kind().equals("CHAIN_BROKEN") ? "prevHash of " + k.recordId() + " does not link to the record before it"
                        : "two different records under " + k.recordId() + " (held " + k.heldHash() + ", offered " + k.offeredHash() + ")";
                LOG.error("origin conflict origin={} seq={} kind={} from={}: catch-up leaves this origin alone until an operator clears it",
                        k.origin(), k.seq(), k.kind(), sender);
                audit.record("ORIGIN_CONFLICT", sender, k.recordId(), k.kind(), "origin " + k.origin() + " " + k.state() + ": " + what);
            }
        }
        return fresh;
    }

    /** Hashes of the candidates' versions already held here, one range query per origin. */
    private Map<String, String> heldHashes(Connection c, List<Candidate> candidates) throws SQLException {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (Candidate cand : candidates) {
            long seq = cand.record().seq();
            ranges.merge(cand.record().origin(), new long[]{seq, seq}, (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Map<String, String> held = new HashMap<>();
        for (var e : ranges.entrySet()) held.putAll(store.hashesInRange(c, e.getKey(), e.getValue()[0], e.getValue()[1]));
        return held;
    }

    private static void requireProtocol(Delivery d) {
        d.unsupportedProtocol().ifPresent(why -> {
            throw new Problem(Problem.Kind.BAD_REQUEST, "UNSUPPORTED_PROTOCOL", why);
        });
    }

    /** @param via the link it arrived by; null for this node's own records */
    private Candidate toCandidate(FederatedRecord fr, JsonNode rec, List<String> proof, String via) {
        SignBatch batch = null;
        String origin = rec.path("origin").asText();
        if (fr.batch() != null) {
            BatchSeal b = fr.batch();
            batch = new SignBatch(b.batchId(), origin, (int) b.treeSize(), b.rootHash(), b.signedAt(), fr.sigAlg(),
                    fr.keyId(), b.signature());
        }
        String subject = rec.path("subject").path("code").asText().toUpperCase(Locale.ROOT);
        CreditRecord record = new CreditRecord(rec.path("id").asText(), rec.path("version").asInt(), origin,
                rec.path("seq").asLong(), rec.path("category").asText(), subject,
                RecordStatus.parse(rec.path("status").asText(null)).orElse(RecordStatus.ACTIVE),
                date(rec, "decisionDate"), date(rec, "publicityUntil"), rec.path("receivedAt").asText(), fr.canonical(), fr.hash(),
                rec.path("prevHash").asText());
        RecordSeal seal = new RecordSeal(fr.sigAlg(), fr.keyId(), fr.batch() == null ? null : fr.batch().batchId(),
                fr.leafIndex() == null ? null : fr.leafIndex().intValue(), proof == null ? null : String.join(",", proof), fr.signature());
        StoredRecord r = new StoredRecord(record, seal, 0, via);
        return new Candidate(r, batch);
    }

    private static LocalDate date(JsonNode rec, String field) {
        JsonNode v = rec.get(field);
        return v == null || v.isNull() ? null : LocalDate.parse(v.asText());
    }

    private static JsonNode parse(FederatedRecord fr) {
        try {
            return fr.canonical() == null ? null : JSON.readTree(fr.canonical());
        } catch (IOException e) {
            return null;
        }
    }

    /** When {@code neighbour} last delivered records taken here (pushed or pulled), since this node started. */
    public java.util.Optional<java.time.Instant> lastTakenFrom(String neighbour) {
        return java.util.Optional.ofNullable(lastTaken.get(neighbour));
    }

    private void refuse(List<Receipt.RefusedRecord> refused, String sender, String id, String code, String message) {
        refused.add(new Receipt.RefusedRecord(id, code, message));
        audit.record("RECORD_REFUSED", sender, id, code, message);
    }

    private Receipt sign(Receipt r) {
        byte[] data = CanonicalJson.encode(JSON.valueToTree(r.unsigned()));
        return new Receipt(r.receiver(), r.sender(), r.signedAt(), r.accepted(), r.duplicates(), r.refused(), r.keyId(),
                Base64.getEncoder().encodeToString(signer.sign(data)), ownChainPem);
    }
}
