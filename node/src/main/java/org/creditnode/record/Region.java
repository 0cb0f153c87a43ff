package org.creditnode.record;

import java.time.LocalDate;

/** One listed region code; {@code validFrom}/{@code validTo} are inclusive and may be null (unknown = open). */
public record Region(String code, String name, LocalDate validFrom, LocalDate validTo) {

    /** Whether the code was in force on {@code date}. */
    public boolean inForceOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }
}
