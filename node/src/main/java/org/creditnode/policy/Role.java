package org.creditnode.policy;

/** What a neighbour is to this node, by its configuration. */
public enum Role { PARENT, CHILD, PEER }
