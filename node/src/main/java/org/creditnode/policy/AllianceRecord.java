package org.creditnode.policy;

import java.util.Map;
import java.util.Set;

/**
 * Context of {@link Scope#ALLIANCE_RECORD}: one record an alliance answer would carry.
 *
 * @param personalFields  the record's non-empty fields the catalogue marks personal (ID numbers and the like)
 * @param aboutAPerson    the subject is a natural person
 * @param withholdPersonal the alliance withholds natural persons' personal data (the default)
 * @param withheldFields  per category, further fields the alliance withholds
 */
public record AllianceRecord(String recordId, String category, Set<String> presentFields, Set<String> personalFields,
                             boolean aboutAPerson, boolean withholdPersonal, Map<String, Set<String>> withheldFields) {
}
