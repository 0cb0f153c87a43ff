package org.creditnode.federation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.creditnode.sign.SignatureAlgorithm;

/**
 * One record as it travels between nodes: the origin's exact canonical text plus the proof that
 * the origin signed it, either alone ({@code signature}) or as leaf {@code leafIndex} of a signed
 * batch ({@code batch} + {@code proof}). Carrying the canonical text, not a re-serialised object,
 * is what lets every hop check the origin's signature byte for byte.
 *
 * @param hash      lower-case hex H(canonical), H being the sigAlg's hash (SM3 for SM2)
 * @param signature base64 DER over the canonical bytes (per-record mode), else null
 * @param proof     base64 RFC 9162 audit path, leaf sibling first (batch mode), else null. Inside a
 *                  delivery it may stop at the first node that an earlier record of the same
 *                  batch passed through; the receiver completes it from that record's path.
 * @param batchId   inside a delivery, instead of {@code batch}: the key of the seal in the
 *                  delivery's {@code batches}, so a seal travels once, not with every record
 */
@JsonIgnoreProperties(ignoreUnknown = true) // newer senders may add envelope fields
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederatedRecord(String canonical, String hash, String sigAlg, String keyId, String signature,
                              BatchSeal batch, Long leafIndex, List<String> proof, String batchId) {

    public FederatedRecord(String canonical, String hash, String sigAlg, String keyId, String signature,
                           BatchSeal batch, Long leafIndex, List<String> proof) {
        this(canonical, hash, sigAlg, keyId, signature, batch, leafIndex, proof, null);
    }

    /** This record with its seal carried inline. */
    public FederatedRecord withSeal(BatchSeal seal) {
        return new FederatedRecord(canonical, hash, sigAlg, keyId, signature, seal, leafIndex, proof, null);
    }

    private static final HexFormat HEX = HexFormat.of();

    /** A record signed on its own. */
    public static FederatedRecord signedAlone(byte[] canonical, SignatureAlgorithm alg, String keyId, byte[] signature) {
        return new FederatedRecord(text(canonical), hashHex(alg, canonical), alg.wireName(), keyId,
                Base64.getEncoder().encodeToString(signature), null, null, null);
    }

    /** A record covered by a batch signature, with its inclusion proof under the batch root. */
    public static FederatedRecord inBatch(byte[] canonical, SignatureAlgorithm alg, String keyId, BatchSeal batch,
                                          long leafIndex, List<byte[]> path) {
        List<String> proof = new ArrayList<>(path.size());
        path.forEach(p -> proof.add(Base64.getEncoder().encodeToString(p)));
        return new FederatedRecord(text(canonical), hashHex(alg, canonical), alg.wireName(), keyId, null, batch,
                leafIndex, List.copyOf(proof));
    }

    /** The bytes that were hashed and signed (UTF-8 of the canonical text). */
    @JsonIgnore
    public byte[] canonicalBytes() {
        return canonical.getBytes(StandardCharsets.UTF_8);
    }

    @JsonIgnore
    public boolean batchSigned() {
        return batch != null;
    }

    public static String hashHex(SignatureAlgorithm alg, byte[] canonical) {
        return HEX.formatHex(alg.hashAlgorithm().digest(canonical));
    }

    private static String text(byte[] canonical) {
        return new String(canonical, StandardCharsets.UTF_8);
    }
}
