package org.creditnode.policy;

import org.creditnode.record.CategorySpec;

import java.util.Optional;

/**
 * Context of {@link Scope#LINK_PUSH}: a record of {@code category} that arrived from {@code from}
 * (empty: this node's own) and may or may not go to {@code link}, whose role is {@code linkRole}.
 */
public record LinkPush(CategorySpec category, String via, Optional<Role> from, String link, Role linkRole) {
}
