package org.creditnode.ingest;

import org.creditnode.record.FieldError;

import java.util.List;

/** A rejected record: its place in the submitted batch and every problem found with it. */
public record Rejected(int index, List<FieldError> errors) {
}
