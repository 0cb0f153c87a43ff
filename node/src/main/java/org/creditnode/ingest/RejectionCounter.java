package org.creditnode.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.account.Account;

import java.util.List;

/**
 * Told, once per batch, of the records the catalogue checks refused (错误 for the data-quality
 * figures). Such a record has no id and is not kept: it can only be counted. A counter must not
 * fail the batch: the records were judged either way.
 */
public interface RejectionCounter {
    RejectionCounter NONE = (account, refused) -> { };

    void count(Account account, List<JsonNode> refused);
}
