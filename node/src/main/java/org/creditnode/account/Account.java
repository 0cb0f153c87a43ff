package org.creditnode.account;

import java.time.Instant;
import java.util.Set;

/**
 * A department system's account: the authorities (USCC) it reports for, the categories it may
 * submit, the purposes it may read for, its roles and its limits, and the kind of department it
 * is (部门类型, e.g. 市场监管, as measure lists name implementing departments; may be null).
 */
public record Account(String id, String name, Set<String> authorities, Set<String> categories, Set<String> purposes,
                      Set<AccountRole> roles, int rateLimit, Instant expires, Instant created, Instant revoked,
                      String revokeReason, String departmentType) {

    public Account {
        authorities = Set.copyOf(authorities);
        categories = Set.copyOf(categories);
        purposes = Set.copyOf(purposes);
        roles = Set.copyOf(roles);
    }

    public boolean has(AccountRole role) { return roles.contains(role); }

    public boolean mayReportFor(String authority) { return authorities.contains(authority); }
}
