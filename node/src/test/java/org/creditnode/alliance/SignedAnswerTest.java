package org.creditnode.alliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.certs.FederationPki;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.NodeKeyFiles;
import org.creditnode.certs.Pem;
import org.creditnode.sign.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mutual-query answer's signature: valid as signed; another signer, another root, or any edit is caught. */
class SignedAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PW = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void signedByTheAnsweringNodeAndNothingElse() throws Exception {
        NodeKeyFiles jx = new FederationPki(dir.resolve("national"), KeyAlgorithm.SM2, PW).issueNode("360000");
        NodeIdentity id = NodeIdentity.load(jx.signingKeystore(), PW, "signing");
        var national = Pem.readCertificates(jx.signingTrust());
        ObjectNode answer = JSON.createObjectNode().put("answeredBy", "360000").put("subject", "91360404MA35XXXX0Y").put("policy", "yrd/1");
        answer.putArray("records");
        answer.putArray("withheld").addObject().put("what", "record 360000-7 fields.CF_FR_ZJHM").put("rule", "withhold-personal-data");
        SignedAnswer.sign(answer, Signer.forKey(id.privateKey(), id.keyId()), id.chain());

        assertNull(SignedAnswer.problem(answer, "360000", national));
        assertTrue(SignedAnswer.problem(answer, "320000", national).contains("signed by 360000, not by 320000"));
        var foreign = Pem.readCertificates(FederationPki.createForeign(dir.resolve("hk"), "810000", KeyAlgorithm.SM2, PW,
                dir.resolve("nowhere")).signingTrust());
        assertTrue(SignedAnswer.problem(answer, "360000", foreign).contains("does not chain"), "Hong Kong's root alone vouches for no 360000");
        ObjectNode edited = answer.deepCopy();
        edited.withArray("withheld").removeAll();
        assertTrue(SignedAnswer.problem(edited, "360000", national).contains("not this answer's canonical form"));
        ObjectNode forged = answer.deepCopy();
        forged.with("signature").put("signedData", java.util.Base64.getEncoder().encodeToString(
                org.creditnode.sign.CanonicalJson.encode(((ObjectNode) edited.deepCopy()).without("signature"))));
        forged.withArray("withheld").removeAll();
        assertTrue(SignedAnswer.problem(forged, "360000", national).contains("does not verify"));
    }
}
