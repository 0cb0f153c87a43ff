package org.creditnode.policy;

import java.time.LocalDate;
import java.util.Set;

/**
 * Context of {@link Scope#ALLIANCE_RECOGNISE}: a list entry of {@code category} whose origin lies in
 * {@code partner}'s region, weighed under one alliance of this node that names the partner.
 *
 * @param recognise    what the alliance file's {@code recognise:} says of the category; null: nothing
 * @param switchedOff  an operator switched recognition of this category from this partner off
 */
public record AllianceRecognise(String partner, String category, String policy, LocalDate from, LocalDate until,
                                Recognise recognise, boolean switchedOff, LocalDate today) {
    /** @param from the members whose entries count; empty: every member */
    public record Recognise(boolean enabled, Set<String> from) {
    }
}
