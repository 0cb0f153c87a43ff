package org.creditnode.policy;

import java.time.LocalDate;
import java.util.Set;

/**
 * Context of {@link Scope#ALLIANCE_QUERY}: {@code partner} (the CN of its TLS certificate) asks
 * for {@code categories} of a subject for {@code purpose}, under the alliance that names it, whose
 * rules are given as data ({@code alliance} null when no alliance of this node names the caller).
 *
 * @param anchor         who vouches for the caller's certificate: {@link #NATIONAL_ROOT}, the id of
 *                       the member whose trust anchor it chains to, or null (neither)
 * @param revoked        the caller's certificate is on the alliance's revocation list
 */
public record AllianceQuery(String partner, String anchor, boolean revoked, String purpose, Set<String> categories,
                            Rules alliance, LocalDate today) {
    public static final String NATIONAL_ROOT = "national root";

    /** What one alliance's file says about queries. */
    public record Rules(String policy, Set<String> members, Set<String> purposes, Set<String> shared, LocalDate from,
                        LocalDate until) {
    }
}
