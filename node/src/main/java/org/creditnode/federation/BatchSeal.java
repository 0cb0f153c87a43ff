package org.creditnode.federation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Base64;
import org.creditnode.sign.BatchStatement;

/**
 * The batch part of a {@link FederatedRecord}: what the origin signed for a whole batch. The
 * statement's origin is not carried; it is the record's origin, so a record cannot borrow another
 * origin's batch.
 *
 * @param rootHash  base64 of the RFC 9162 tree head
 * @param signature base64 DER over {@link BatchStatement#canonicalBytes()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchSeal(String batchId, long treeSize, String rootHash, String signedAt, String signature) {

    public static BatchSeal of(BatchStatement statement, byte[] signature) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new BatchSeal(statement.batchId(), statement.treeSize(), b64.encodeToString(statement.rootHash()),
                statement.signedAt(), b64.encodeToString(signature));
    }

    /** The statement this seal claims the origin signed; throws IllegalArgumentException if incomplete. */
    public BatchStatement statement(String origin) {
        if (rootHash == null) {
            throw new IllegalArgumentException("batch lacks rootHash");
        }
        return new BatchStatement(origin, batchId, treeSize, Base64.getDecoder().decode(rootHash), signedAt);
    }
}
