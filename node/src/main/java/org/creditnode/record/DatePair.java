package org.creditnode.record;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Two date fields that must be in order, {@code from <= to}; written {@code [FROM, TO]} in catalog.yaml. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"from", "to"})
public record DatePair(String from, String to) {
}
