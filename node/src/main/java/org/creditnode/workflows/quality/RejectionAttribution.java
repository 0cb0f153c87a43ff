package org.creditnode.workflows.quality;

import org.creditnode.record.RecordAuthority;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.account.Account;
import org.creditnode.record.Catalogue;

import java.util.TreeSet;

/**
 * Whose 错误 a refused record is. A refused record may be wrong anywhere, its authority code too,
 * so the code is taken only when the submitting account reports for it; otherwise the record
 * counts against the account's own authority (the first, in order, if it has several). Nobody
 * else's figures can be spoiled by a department sending another authority's code. A category the
 * catalogue does not know counts as UNKNOWN.
 */
public final class RejectionAttribution {
    public static final String UNKNOWN = "UNKNOWN";
    private final Catalogue catalogue;

    public RejectionAttribution(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public record Target(String authority, String category) {
    }

    public Target of(Account account, JsonNode record) {
        String code = RecordAuthority.code(record);
        String authority = account.mayReportFor(code) ? code
                : account.authorities().isEmpty() ? UNKNOWN : new TreeSet<>(account.authorities()).first();
        String category = record.path("category").asText("");
        return new Target(authority, catalogue.category(category).isPresent() ? category : UNKNOWN);
    }
}
