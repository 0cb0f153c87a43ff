package org.creditnode.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.TrustCheck;
import org.creditnode.sign.BatchStatement;
import org.creditnode.sign.MerkleTree;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What a partner can check of a record shown with fields withheld: its origin signed the whole
 * text, which cannot travel, so the answer carries the record's RFC 9162 leaf hash instead; if the
 * origin signed it in a batch, the leaf's inclusion under the origin's signed batch root proves
 * the origin holds that record at that position. That the shown fields are the record's is vouched
 * for by the answering node's signature. A record signed alone cannot be checked this way.
 */
public final class RedactedProof {
    private RedactedProof() {
    }

    /** Null if the item's leaf is in a batch its origin signed (or the record was signed alone); else what fails. */
    public static String problem(JsonNode item, JsonNode certificates, List<X509Certificate> anchors) {
        String origin = item.path("shown").path("origin").asText(null);
        String keyId = item.path("keyId").asText("");
        if (origin == null) return "a redacted record without its origin";
        if (!item.has("batch")) return null; // signed alone: the answer's signature is all there is
        try {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509", org.creditnode.sign.Providers.ensure());
            for (JsonNode pem : certificates.path(keyId)) {
                cf.generateCertificates(new ByteArrayInputStream(pem.asText().getBytes(StandardCharsets.US_ASCII)))
                        .forEach(c -> chain.add((X509Certificate) c));
            }
            if (chain.isEmpty()) return "no certificate for key " + keyId;
            String untrusted = TrustCheck.problem(chain, anchors);
            if (untrusted != null) return "origin certificate of key " + keyId + ": " + untrusted;
            if (!NodeIdentity.commonName(chain.get(0)).equals(origin)) return "key " + keyId + " is not " + origin + "'s";
            if (!NodeIdentity.keyId(chain.get(0)).equals(keyId)) return "keyId " + keyId + " is not the certificate's";
            JsonNode b = item.path("batch");
            SignatureAlgorithm alg = SignatureAlgorithm.fromWireName(item.path("sigAlg").asText());
            Base64.Decoder b64 = Base64.getDecoder();
            BatchStatement statement = new BatchStatement(origin, b.path("batchId").asText(), b.path("treeSize").asLong(),
                    b64.decode(b.path("rootHash").asText()), b.path("signedAt").asText());
            if (!Verifier.verify(alg, chain.get(0).getPublicKey(), statement.canonicalBytes(), b64.decode(b.path("signature").asText()))) {
                return "the origin's batch signature does not verify";
            }
            List<byte[]> path = new ArrayList<>();
            for (JsonNode p : item.path("proof")) path.add(b64.decode(p.asText()));
            boolean in = MerkleTree.verifyInclusion(alg.hashAlgorithm(), HexFormat.of().parseHex(item.path("leafHash").asText()),
                    item.path("leafIndex").asLong(), statement.treeSize(), path, statement.rootHash());
            return in ? null : "leafHash is not leaf " + item.path("leafIndex").asLong() + " of the origin's batch " + statement.batchId();
        } catch (Exception e) {
            return "unreadable proof: " + e.getMessage();
        }
    }
}
