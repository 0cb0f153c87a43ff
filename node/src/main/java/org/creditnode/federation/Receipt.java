package org.creditnode.federation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The receiver's signed answer to a delivery: which records it now holds (new or already held)
 * and which it refused, and why. {@code signature} covers the RFC 8785 form of the receipt
 * without the signature and certificate fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(String receiver, String sender, String signedAt, List<String> accepted, List<String> duplicates,
                      List<RefusedRecord> refused, String keyId, String signature, List<String> certificate) {

    public record RefusedRecord(String id, String code, String message) {
    }

    public Receipt unsigned() {
        return new Receipt(receiver, sender, signedAt, accepted, duplicates, refused, keyId, null, null);
    }
}
