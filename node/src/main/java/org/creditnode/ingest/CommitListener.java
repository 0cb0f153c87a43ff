package org.creditnode.ingest;

/**
 * Told about each commit group after it is committed and before the submitters get their answer,
 * so that whatever it does (e.g. queue records for other nodes) happens before the 2xx.
 */
public interface CommitListener {
    void committed(CommitGroup group) throws Exception;
}
