package org.creditnode.policy;

import org.creditnode.record.CategorySpec;

import java.util.Optional;

/** Context of {@link Scope#LINK_READ}: {@code sender} (in {@code role}, if any) offers a record of {@code category} (if known). */
public record LinkRead(String sender, Optional<Role> role, String categoryId, Optional<CategorySpec> category) {
}
