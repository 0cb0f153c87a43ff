package org.creditnode.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.Pem;
import org.creditnode.certs.TrustCheck;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Signer;
import org.creditnode.sign.Verifier;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A mutual-query answer's signature, as the matching service signs check answers: SM2 (or ECDSA)
 * over the RFC 8785 canonical JSON of the answer without {@code "signature"}. The signature also
 * carries those exact bytes ({@code signedData}) and the signer's certificate chain, so that the
 * answer alone suffices to check it with openssl — no JSON canonicaliser needed on that side.
 */
public final class SignedAnswer {
    private SignedAnswer() {
    }

    public static void sign(ObjectNode answer, Signer signer, List<X509Certificate> chain) {
        answer.remove("signature");
        byte[] signed = CanonicalJson.encode(answer);
        ObjectNode sig = answer.putObject("signature");
        sig.put("alg", signer.algorithm().wireName());
        sig.put("keyId", signer.keyId());
        sig.put("signedData", Base64.getEncoder().encodeToString(signed));
        sig.put("signedDataIs", "the RFC 8785 canonical JSON of this answer without \"signature\"");
        sig.put("value", Base64.getEncoder().encodeToString(signer.sign(signed)));
        ArrayNode certs = sig.putArray("certificates");
        for (X509Certificate c : chain) certs.add(Pem.encode(c));
    }

    /**
     * Null if {@code answer} carries a valid signature by {@code expectedSigner}'s key, chaining to
     * {@code anchors}, over exactly its own canonical form; else what is wrong.
     */
    public static String problem(JsonNode answer, String expectedSigner, List<X509Certificate> anchors) {
        JsonNode sig = answer.path("signature");
        if (!sig.isObject()) return "the answer is not signed";
        List<X509Certificate> chain;
        try {
            chain = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509", org.creditnode.sign.Providers.ensure());
            for (JsonNode pem : sig.path("certificates")) {
                cf.generateCertificates(new ByteArrayInputStream(pem.asText().getBytes(StandardCharsets.US_ASCII)))
                        .forEach(c -> chain.add((X509Certificate) c));
            }
        } catch (Exception e) {
            return "the signature's certificates are unreadable: " + e.getMessage();
        }
        if (chain.isEmpty()) return "the signature carries no certificate";
        String chainProblem = TrustCheck.problem(chain, anchors);
        if (chainProblem != null) return "the signer's certificate does not chain to a trusted root: " + chainProblem;
        String signer = NodeIdentity.commonName(chain.get(0));
        if (!signer.equals(expectedSigner)) return "the answer is signed by " + signer + ", not by " + expectedSigner;
        ObjectNode body = ((ObjectNode) answer).deepCopy();
        body.remove("signature");
        byte[] canonical = CanonicalJson.encode(body);
        byte[] claimed = Base64.getDecoder().decode(sig.path("signedData").asText(""));
        if (!Arrays.equals(canonical, claimed)) return "signedData is not this answer's canonical form";
        SignatureAlgorithm alg;
        try {
            alg = SignatureAlgorithm.fromWireName(sig.path("alg").asText());
        } catch (IllegalArgumentException e) {
            return "unknown signature algorithm " + sig.path("alg").asText();
        }
        byte[] value = Base64.getDecoder().decode(sig.path("value").asText(""));
        return Verifier.verify(alg, chain.get(0).getPublicKey(), canonical, value) ? null : "the signature does not verify";
    }
}
