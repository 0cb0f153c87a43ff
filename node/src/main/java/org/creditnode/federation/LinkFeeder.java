package org.creditnode.federation;

import org.creditnode.log.LogConsumer;
import org.creditnode.route.LinkRouter;
import org.creditnode.store.RecordLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer of the committed-record log that fills the links' queues: every stored record,
 * this node's own or a neighbour's, goes to each link its category and arrival link route it to.
 * Because it reads the log rather than being called after a commit, a record can never be
 * committed and not queued: a failed enqueue is retried from the cursor, and a crash between the
 * commit and the enqueue is resumed at the next start.
 */
public final class LinkFeeder implements LogConsumer {
    private final LinkRouter router;
    private final LinkQueues queues;

    public LinkFeeder(LinkRouter router, LinkQueues queues) {
        this.router = router;
        this.queues = queues;
    }

    @Override
    public String name() { return "links"; }

    @Override
    public void handle(List<RecordLog.Entry> entries) throws Exception {
        Map<String, List<RecordLog.Entry>> byLink = new LinkedHashMap<>();
        for (RecordLog.Entry e : entries) {
            for (String link : router.destinations(e.category(), e.via())) {
                byLink.computeIfAbsent(link, k -> new ArrayList<>()).add(e);
            }
        }
        queues.enqueue(byLink);
    }
}
