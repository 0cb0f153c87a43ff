package org.creditnode.policy;

import org.creditnode.record.RecordStatus;

import java.util.Set;

/**
 * A later version of a record someone asks for: who asks (an account's authorities and
 * categories, or the node itself for its scheduled jobs, {@code account == null}), the record
 * as it stands (origin, deciding authority, category, status) and the status asked for.
 */
public record Revise(String account, Set<String> authorities, Set<String> categories, String thisNode, String recordId,
                     String origin, String authority, String category, RecordStatus from, RecordStatus to) {

    public Revise {
        authorities = authorities == null ? Set.of() : Set.copyOf(authorities);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    /** The node's own job (expiry, deadlines): it acts for the origin, never for another node. */
    public boolean byNode() { return account == null; }
}
