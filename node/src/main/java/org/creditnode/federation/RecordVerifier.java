package org.creditnode.federation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.TrustCheck;
import org.creditnode.sign.BatchStatement;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.InclusionChecker;
import org.creditnode.sign.MerkleTree;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;

/**
 * Checks that a received record is exactly what its origin signed (ARCHITECTURE.md invariants 3
 * and 4). Checks run in the order of {@link Refusal}; the first failure is the verdict.
 *
 * <p>Two caches keep this fast: validated signing chains by key id (PKIX validation costs
 * milliseconds) and batch signature outcomes keyed by everything the signature covers, so the
 * records of one batch cost one SM2/ECDSA verification in total. Thread-safe.
 *
 * <p>A member of an alliance whose PKI is its own (Hong Kong, Macau) signs under a root the
 * alliance file names for it ({@code memberAnchors}). Such a root vouches for that member's own
 * records only: the leaf must name the member and the record's origin must be the member, and a
 * leaf so trusted is cached under the origin as well as the key, so it never counts for another origin.
 */
public final class RecordVerifier {
    private static final Pattern NODE_ID = Pattern.compile("\\d{6}");
    private static final int CHAIN_CACHE_SIZE = 1_024;
    private static final int BATCH_CACHE_SIZE = 4_096;
    /** Re-validate chains now and then, so expiry (and later revocation) takes effect. */
    private static final Duration CHAIN_TTL = Duration.ofMinutes(10);
    private static final Duration BATCH_TTL = Duration.ofHours(1);
    private static final int NON_REPUDIATION = 1; // KeyUsage bit: set on signing leaves, not on TLS leaves

    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final List<X509Certificate> anchors;
    private final Map<String, List<X509Certificate>> memberAnchors;
    // Caffeine computes a missing value once even when many threads ask at once: 1,000 records of
    // one batch, verified in parallel, cost one signature check.
    private final Cache<String, X509Certificate> trustedLeaves = Caffeine.newBuilder()
            .maximumSize(CHAIN_CACHE_SIZE).expireAfterWrite(CHAIN_TTL).build();
    private final Cache<BatchKey, Boolean> batchSignatures = Caffeine.newBuilder()
            .maximumSize(BATCH_CACHE_SIZE).expireAfterWrite(BATCH_TTL).build();
    private final LongAdder signatureChecks = new LongAdder();

    /** Everything a batch signature covers, plus the key: a cache hit must mean "this exact thing was verified". */
    private record BatchKey(String statement, String signature, String publicKey) {
    }

    /** A batch seal as one delivery carries it: equal seals of one origin and key share one check. */
    private record SealKey(BatchSeal seal, String origin, String sigAlg, X509Certificate signer) {
    }

    public RecordVerifier(List<X509Certificate> signingTrustAnchors) {
        this(signingTrustAnchors, Map.of());
    }

    /** @param memberAnchors roots alliances name for members outside the national PKI, by member id: each trusted for that origin only */
    public RecordVerifier(List<X509Certificate> signingTrustAnchors, Map<String, List<X509Certificate>> memberAnchors) {
        if (signingTrustAnchors == null || signingTrustAnchors.isEmpty()) {
            throw new IllegalArgumentException("no signing trust anchors");
        }
        this.anchors = List.copyOf(signingTrustAnchors);
        this.memberAnchors = Map.copyOf(memberAnchors);
    }

    /** The roots a record of {@code origin} may chain to: the national ones, and an alliance's for that member. */
    public List<X509Certificate> anchorsFor(String origin) {
        List<X509Certificate> own = memberAnchors.get(origin);
        if (own == null) return anchors;
        List<X509Certificate> out = new ArrayList<>(anchors);
        out.addAll(own);
        return out;
    }

    /**
     * What one delivery's records share: parsed chains and their key ids, and per batch one
     * signature outcome and one {@link InclusionChecker}, so a batch's leaves cost about one
     * node hash each instead of a whole audit path.
     */
    private final class DeliveryScope {
        private final Delivery delivery;
        private final Map<String, List<X509Certificate>> chains = new HashMap<>();
        private final Map<X509Certificate, String> keyIds = new HashMap<>();
        private final Map<X509Certificate, String> signers = new HashMap<>();
        private final Map<SealKey, Optional<InclusionChecker>> batches = new HashMap<>();

        DeliveryScope(Delivery delivery) {
            this.delivery = delivery;
        }

        List<X509Certificate> chain(String keyId) {
            if (keyId == null) return List.of();
            return chains.computeIfAbsent(keyId, k -> {
                if (delivery == null) return List.of();
                try {
                    return delivery.chainFor(k);
                } catch (IllegalArgumentException e) {
                    return List.of(); // unreadable PEM: the records refer to no usable certificate
                }
            });
        }

        String keyId(X509Certificate leaf) {
            return keyIds.computeIfAbsent(leaf, NodeIdentity::keyId);
        }

        String signer(X509Certificate leaf) {
            return signers.computeIfAbsent(leaf, NodeIdentity::commonName);
        }

        /** The checker of a batch whose signature verifies, else null. */
        InclusionChecker batch(FederatedRecord r, Parsed p, X509Certificate leaf) {
            return batches.computeIfAbsent(new SealKey(r.batch(), p.origin, r.sigAlg(), leaf), k -> {
                byte[] signed = p.statement.canonicalBytes();
                PublicKey key = leaf.getPublicKey();
                BatchKey bk = new BatchKey(new String(signed, StandardCharsets.UTF_8), r.batch().signature(),
                        Base64.getEncoder().encodeToString(key.getEncoded()));
                return batchSignatures.get(bk, unused -> checkSignature(p.alg, key, signed, p.signature))
                        ? Optional.of(new InclusionChecker(p.alg.hashAlgorithm(), p.statement.treeSize(), p.statement.rootHash()))
                        : Optional.empty();
            }).orElse(null);
        }
    }

    /** Verifies every record of a delivery against the chains it carries; one verdict per record, in order. */
    public List<Verdict> verifyAll(Delivery delivery) {
        DeliveryScope scope = new DeliveryScope(delivery);
        List<Verdict> out = new ArrayList<>();
        for (FederatedRecord r : delivery.records() == null ? List.<FederatedRecord>of() : delivery.records()) {
            out.add(verify(r, scope.chain(r == null ? null : r.keyId()), scope));
        }
        return out;
    }

    /** @param chain the signing certificate chain for the record's keyId, leaf first (root optional) */
    public Verdict verify(FederatedRecord r, List<X509Certificate> chain) {
        return verify(r, chain, new DeliveryScope(null));
    }

    private Verdict verify(FederatedRecord r, List<X509Certificate> chain, DeliveryScope scope) {
        Parsed p;
        try {
            p = parse(r);
        } catch (IllegalArgumentException e) {
            return Verdict.refuse(Refusal.MALFORMED, e.getMessage());
        }
        String hash = FederatedRecord.hashHex(p.alg, p.canonical);
        if (!hash.equals(r.hash())) {
            return Verdict.refuse(Refusal.BAD_HASH, "hash is not " + p.alg.hashAlgorithm().wireName() + "(canonical) of " + p.id);
        }
        if (chain == null || chain.isEmpty()) {
            return Verdict.refuse(Refusal.UNTRUSTED_CERT, "no certificate for key " + r.keyId());
        }
        X509Certificate leaf = chain.get(0);
        String leafKeyId = scope.keyId(leaf);
        String signer = scope.signer(leaf);
        String problem = untrusted(chain, leafKeyId, signer, p.origin);
        if (problem != null) {
            return Verdict.refuse(Refusal.UNTRUSTED_CERT, "signing certificate of key " + r.keyId() + ": " + problem);
        }
        if (!signer.equals(p.origin)) { // only the origin may sign (or change) its records
            return Verdict.refuse(Refusal.NOT_ORIGIN, p.id + " has origin " + p.origin + " but is signed by node " + signer);
        }
        if (!leafKeyId.equals(r.keyId())) {
            return Verdict.refuse(Refusal.KEY_MISMATCH, "keyId " + r.keyId() + " is not the certificate's key " + leafKeyId);
        }
        PublicKey key = leaf.getPublicKey();
        if (!algorithmOf(key).equals(p.alg.wireName())) {
            return Verdict.refuse(Refusal.KEY_MISMATCH, "sigAlg " + r.sigAlg() + " does not fit key " + leafKeyId);
        }
        if (p.statement == null) {
            if (!checkSignature(p.alg, key, p.canonical, p.signature)) {
                return Verdict.refuse(Refusal.BAD_SIGNATURE, "signature of " + p.id + " does not verify");
            }
            return Verdict.ok(p.record, null);
        }
        InclusionChecker batch = scope.batch(r, p, leaf);
        if (batch == null) {
            return Verdict.refuse(Refusal.BAD_SIGNATURE, "signature of batch " + p.statement.batchId() + " does not verify");
        }
        byte[] leafHash = MerkleTree.leafHash(p.alg.hashAlgorithm(), p.canonical);
        List<byte[]> path = batch.complete(leafHash, r.leafIndex(), p.path);
        if (path == null) {
            return Verdict.refuse(Refusal.BAD_PROOF, p.id + " is not leaf " + r.leafIndex() + " of batch " + p.statement.batchId());
        }
        List<String> proof = new ArrayList<>(r.proof());
        for (int i = proof.size(); i < path.size(); i++) proof.add(Base64.getEncoder().encodeToString(path.get(i)));
        return Verdict.ok(p.record, proof);
    }

    /** Number of actual public-key signature verifications so far (cache hits excluded); a metric and a test hook. */
    public long signatureVerifications() {
        return signatureChecks.sum();
    }

    /** Forgets validated chains and batch outcomes, e.g. after the trust configuration or a CRL changed. */
    public void clearCaches() {
        trustedLeaves.invalidateAll();
        batchSignatures.invalidateAll();
    }

    private boolean checkSignature(SignatureAlgorithm alg, PublicKey key, byte[] data, byte[] sig) {
        signatureChecks.increment();
        return Verifier.verify(alg, key, data, sig);
    }

    /** Null if the chain is a valid record-signing chain under the anchors (or, for a member's own record, its alliance roots), else why not. */
    private String untrusted(List<X509Certificate> chain, String keyId, String signer, String origin) {
        X509Certificate leaf = chain.get(0);
        if (leaf.equals(trustedLeaves.getIfPresent(keyId))) {
            return null; // the hot path: a national chain validated before
        }
        List<X509Certificate> own = signer.equals(origin) ? memberAnchors.get(origin) : null;
        String foreignKey = own == null ? null : origin + "/" + keyId;
        if (own != null && leaf.equals(trustedLeaves.getIfPresent(foreignKey))) {
            return null;
        }
        boolean[] usage = leaf.getKeyUsage();
        if (leaf.getBasicConstraints() >= 0 || usage == null || usage.length <= NON_REPUDIATION || !usage[NON_REPUDIATION]) {
            return "not a record-signing certificate (CA, or no nonRepudiation key usage)";
        }
        String problem = TrustCheck.problem(chain, anchors);
        if (problem == null) {
            trustedLeaves.put(keyId, leaf);
            return null;
        }
        if (own != null) {
            String underMember = TrustCheck.problem(chain, own);
            if (underMember == null) {
                trustedLeaves.put(foreignKey, leaf);
                return null;
            }
            return problem + "; nor under the roots the alliance names for " + origin + ": " + underMember;
        }
        return problem;
    }

    private static String algorithmOf(PublicKey key) {
        try {
            return SignatureAlgorithm.forKey(key).wireName();
        } catch (IllegalArgumentException e) {
            return "unsupported key";
        }
    }

    /** The record's decoded parts; every structural problem is an IllegalArgumentException (MALFORMED). */
    private record Parsed(JsonNode record, byte[] canonical, String id, String origin, SignatureAlgorithm alg,
                          byte[] signature, BatchStatement statement, List<byte[]> path) {
    }

    private Parsed parse(FederatedRecord r) {
        if (r == null || r.canonical() == null) {
            throw new IllegalArgumentException("record has no canonical text");
        }
        byte[] canonical = r.canonicalBytes();
        JsonNode n;
        try {
            n = json.readTree(canonical);
        } catch (Exception e) {
            throw new IllegalArgumentException("canonical text is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("canonical text is not a JSON object");
        }
        String origin = text(n, "origin");
        if (!NODE_ID.matcher(origin).matches()) {
            throw new IllegalArgumentException("origin is not a 6-digit node id: " + origin);
        }
        long seq = positive(n, "seq");
        long version = positive(n, "version");
        String id = text(n, "id");
        checkIdentity(id, origin, seq, version, n.get("revises"));
        JsonNode prev = n.get("prevHash");
        if (prev == null || !(prev.isTextual() || prev.isNull())) {
            throw new IllegalArgumentException(id + ": prevHash missing");
        }
        if (!Arrays.equals(CanonicalJson.encode(n), canonical)) { // one record, one byte form: hashes stay comparable
            throw new IllegalArgumentException(id + ": text is not in RFC 8785 canonical form");
        }
        SignatureAlgorithm alg = SignatureAlgorithm.fromWireName(r.sigAlg());
        if (r.keyId() == null || r.keyId().isEmpty()) {
            throw new IllegalArgumentException(id + ": keyId missing");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        if (r.batch() == null && r.batchId() != null && r.signature() == null) {
            throw new IllegalArgumentException(id + ": batch " + r.batchId() + " is not in the delivery");
        }
        if ((r.signature() == null) == (r.batch() == null)) {
            throw new IllegalArgumentException(id + ": needs exactly one of signature and batch");
        }
        if (r.batch() == null) {
            return new Parsed(n, canonical, id, origin, alg, b64.decode(r.signature()), null, null);
        }
        if (r.leafIndex() == null || r.proof() == null || r.batch().signature() == null) {
            throw new IllegalArgumentException(id + ": batch-signed record needs batch.signature, leafIndex and proof");
        }
        BatchStatement statement = r.batch().statement(origin);
        List<byte[]> path = new ArrayList<>(r.proof().size());
        for (String step : r.proof()) {
            path.add(b64.decode(step == null ? "" : step));
        }
        return new Parsed(n, canonical, id, origin, alg, b64.decode(r.batch().signature()), statement, path);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("canonical record lacks string " + field);
        }
        return v.textValue();
    }

    private static long positive(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
            throw new IllegalArgumentException("canonical record lacks positive integer " + field);
        }
        return v.longValue();
    }

    /**
     * A first version is {@code <origin>-<seq>}; a later one keeps the id its origin gave the
     * record at an earlier sequence number and names the version it revises. Either way the id is
     * the signing origin's own: nobody else can issue a version of another node's record.
     */
    static void checkIdentity(String id, String origin, long seq, long version, JsonNode revises) {
        if (version == 1) {
            if (!id.equals(origin + "-" + seq)) throw new IllegalArgumentException("id " + id + " is not <origin>-<seq>");
            return;
        }
        String prefix = origin + "-";
        long first;
        try {
            first = id.startsWith(prefix) ? Long.parseLong(id.substring(prefix.length())) : -1;
        } catch (NumberFormatException e) {
            first = -1;
        }
        if (first < 1 || first >= seq) {
            throw new IllegalArgumentException("id " + id + " of version " + version + " is not one of origin " + origin
                    + "'s earlier records: only a record's origin issues its later versions");
        }
        if (revises == null || revises.path("version").asLong() != version - 1 || !revises.path("hash").isTextual()) {
            throw new IllegalArgumentException(id + " version " + version + " does not name the version " + (version - 1) + " it revises");
        }
    }
}
