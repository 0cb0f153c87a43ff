package org.creditnode.record;

/** Whether a category's records carry a severity (catalog.yaml {@code severity:}). */
public enum SeverityUse { REQUIRED, OPTIONAL, NONE }
