package org.creditnode.federation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.sign.BatchStatement;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.HashAlgorithm;
import org.creditnode.sign.MerkleTree;
import org.creditnode.sign.Signer;

/** Seals records the way an origin node does, with one node's signing key from a dev federation. */
final class TestOrigin {
    static final char[] PW = "changeit".toCharArray();

    final NodeIdentity identity;
    final Signer signer;

    TestOrigin(Path pkiDir, String nodeId) {
        identity = NodeIdentity.load(pkiDir.resolve("nodes").resolve(nodeId).resolve("signing.p12"), PW, "signing");
        signer = Signer.forKey(identity.privateKey(), identity.keyId());
    }

    /** Chain as a sender would send it: leaf and intermediate, without the root. */
    List<X509Certificate> chain() {
        return identity.chain().subList(0, identity.chain().size() - 1);
    }

    static byte[] canonical(String origin, long seq, String prevHash) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", origin + "-" + seq);
        o.put("origin", origin);
        o.put("seq", seq);
        o.put("version", 1);
        o.put("category", "ADMIN_PENALTY");
        o.putObject("subject").put("kind", "ORG").put("code", "91360400MA35XXXX0X").put("name", "某某有限公司");
        o.put("decisionDate", "2026-11-18");
        if (prevHash == null) {
            o.putNull("prevHash");
        } else {
            o.put("prevHash", prevHash);
        }
        return CanonicalJson.encode(o);
    }

    /** {@code n} records of {@code origin} starting at {@code firstSeq}, each signed alone with this node's key. */
    List<FederatedRecord> sealAlone(String origin, long firstSeq, int n) {
        List<FederatedRecord> out = new ArrayList<>();
        String prev = null;
        for (int i = 0; i < n; i++) {
            byte[] c = canonical(origin, firstSeq + i, prev);
            FederatedRecord r = FederatedRecord.signedAlone(c, signer.algorithm(), signer.keyId(), signer.sign(c));
            out.add(r);
            prev = r.hash();
        }
        return out;
    }

    /** {@code n} records of {@code origin} under one batch signature by this node's key. */
    List<FederatedRecord> sealBatch(String origin, long firstSeq, int n) {
        HashAlgorithm h = signer.algorithm().hashAlgorithm();
        List<byte[]> canonicals = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        String prev = null;
        for (int i = 0; i < n; i++) {
            byte[] c = canonical(origin, firstSeq + i, prev);
            canonicals.add(c);
            leaves.add(MerkleTree.leafHash(h, c));
            prev = FederatedRecord.hashHex(signer.algorithm(), c);
        }
        MerkleTree tree = MerkleTree.build(h, leaves);
        BatchStatement st = new BatchStatement(origin, origin + "-b" + firstSeq, n, tree.root(), "2026-11-23T10:00:00+08:00");
        BatchSeal seal = BatchSeal.of(st, signer.sign(st.canonicalBytes()));
        List<FederatedRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(FederatedRecord.inBatch(canonicals.get(i), signer.algorithm(), signer.keyId(), seal, i, tree.inclusionProof(i)));
        }
        return out;
    }

    /** A receipt signed by this node as {@code receiver}, with its chain as InboundService sends it. */
    Receipt receipt(String receiver) {
        Receipt unsigned = new Receipt(receiver, "360000", "2026-11-23T10:00:00Z", List.of(), List.of(), List.of(), identity.keyId(), null, null);
        byte[] data = CanonicalJson.encode(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(unsigned));
        return new Receipt(receiver, "360000", unsigned.signedAt(), List.of(), List.of(), List.of(), identity.keyId(),
                java.util.Base64.getEncoder().encodeToString(signer.sign(data)), Delivery.pemChain(identity.chain()));
    }
}
