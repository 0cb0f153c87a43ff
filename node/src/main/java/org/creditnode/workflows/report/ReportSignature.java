package org.creditnode.workflows.report;

import org.creditnode.sign.Signer;

import java.util.Base64;

/**
 * The detached signature of a report: the node's signature over the exact bytes served, carried
 * in a header (X-Credit-Signature: keyId=…;alg=SM2-SM3;value=…) so that the document stays as it
 * is — a recipient verifies the file with the node's certificate (GET /api/v1/certificates/{keyId}).
 */
public final class ReportSignature {
    public static final String HEADER = "X-Credit-Signature";

    private ReportSignature() {
    }

    public static String header(Signer signer, byte[] document) {
        return "keyId=" + signer.keyId() + ";alg=" + signer.algorithm().wireName() + ";value="
                + Base64.getEncoder().encodeToString(signer.sign(document));
    }
}
