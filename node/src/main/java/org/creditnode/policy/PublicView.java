package org.creditnode.policy;

import org.creditnode.record.RecordStatus;

import java.time.LocalDate;

/** Context of {@link Scope#PUBLIC_VIEW}: a record's signed status and publicity end, looked at on {@code today}. */
public record PublicView(String recordId, RecordStatus status, LocalDate publicityUntil, LocalDate today) {
}
