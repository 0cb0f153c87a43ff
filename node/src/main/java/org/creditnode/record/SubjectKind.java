package org.creditnode.record;

/** Who a record is about: an organisation (code = USCC) or a natural person (code = ID number). */
public enum SubjectKind { ORG, PERSON }
