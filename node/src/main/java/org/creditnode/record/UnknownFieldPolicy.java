package org.creditnode.record;

/** What to do with record properties the catalogue does not know (catalog.yaml {@code unknownFields:}). */
public enum UnknownFieldPolicy { REJECT, IGNORE }
