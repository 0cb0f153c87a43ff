package org.creditnode.config;

/** A configuration an operator must fix; the message says what and where. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) { super(message); }
    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
