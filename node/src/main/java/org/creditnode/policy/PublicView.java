package org.creditnode.policy;

import java.time.LocalDate;

/** Context of {@link Scope#PUBLIC_VIEW}: a record's signed status and publicity end, looked at on {@code today}. */
public record PublicView(String recordId, String status, LocalDate publicityUntil, LocalDate today) {
}
