package org.creditnode.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Operator commands against a running node's local HTTP listener:
 * {@code credit-node admin --url http://127.0.0.1:8440 links|origins|audit|pause ID|resume ID|dlq ID|replay ID|catch-up}
 * (the demo feeder is in the bench jar: {@code credit-bench feed}).
 */
final class AdminCommand {
    static final String USAGE = """
            credit-node admin --url URL COMMAND [--json]   (URL: the node's HTTP listener, e.g. http://127.0.0.1:8440;
                                                            tables by default, the API's JSON with --json)
              links            each link: state, queue depth, dead letters, last success/error, what the neighbour holds
              origins          per origin: watermark (held without gaps, chain checked), highest seq, records held
              audit [N]        the last N audit events (refused records and callers, broken chains)
              pause ID         stop delivering to neighbour ID (records keep queueing)
              resume ID        deliver again
              dlq ID           show the dead-letter queue of link ID
              replay ID        move link ID's dead letters back to its queue
              catch-up         run one catch-up round now
              clear-conflict O after dealing with origin O's equivocation: let its watermark and catch-up resume
            """;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AdminCommand() {
    }

    static int admin(String[] argv, PrintStream out, PrintStream err) {
        boolean json = java.util.Arrays.asList(argv).contains("--json");
        String[] args = java.util.Arrays.stream(argv).filter(a -> !a.equals("--json")).toArray(String[]::new);
        if (args.length < 3 || !args[0].equals("--url")) {
            err.print(USAGE);
            return 2;
        }
        String base = args[1].replaceAll("/+$", "") + "/admin/v1";
        String cmd = args[2];
        String arg = args.length > 3 ? args[3] : null;
        HttpResponse<String> r;
        try {
            r = switch (cmd) {
                case "links" -> send(HttpRequest.newBuilder(URI.create(base + "/links")).GET());
                case "origins" -> send(HttpRequest.newBuilder(URI.create(base + "/origins")).GET());
                case "audit" -> send(HttpRequest.newBuilder(URI.create(base + "/audit?limit=" + (arg == null ? 50 : count(arg)))).GET());
                case "catch-up" -> send(post(base + "/catch-up"));
                case "pause", "resume" -> send(post(base + "/links/" + need(arg, cmd) + "/" + cmd));
                case "dlq" -> send(HttpRequest.newBuilder(URI.create(base + "/links/" + need(arg, cmd) + "/dlq")).GET());
                case "replay" -> send(post(base + "/links/" + need(arg, cmd) + "/dlq/replay"));
                case "clear-conflict" -> send(HttpRequest.newBuilder(URI.create(base + "/origins/" + need(arg, cmd) + "/conflict")).DELETE());
                default -> throw new IllegalArgumentException("unknown admin command " + cmd);
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("error: cannot reach " + args[1] + ": " + e);
            return 1;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                err.println("error: HTTP " + r.statusCode() + " " + body.path("error").asText() + ": " + body.path("message").asText());
                return 1;
            }
            out.print(json ? JSON.writeValueAsString(body) + System.lineSeparator() : render(cmd, body));
            return 0;
        } catch (java.io.IOException e) {
            err.println("error: the node answered HTTP " + r.statusCode() + " with something that is not JSON: " + e.getMessage());
            return 1;
        }
    }

    private static int count(String arg) {
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("audit takes a number of events, got " + arg);
        }
    }

    /** What an operator reads: a table per listing, one line per action. */
    static String render(String cmd, com.fasterxml.jackson.databind.JsonNode body) throws java.io.IOException {
        return switch (cmd) {
            case "origins" -> originsTable(body);
            case "links" -> {
                TextTable t = new TextTable("link", "role", "state", ">queued", ">dead letters", ">delivered", "last success", "last error");
                for (var l : body.path("links")) {
                    t.row(l.path("link").asText(), l.path("role").asText(), l.path("state").asText(), l.path("queueDepth").asLong(),
                            l.path("deadLetters").asLong(), l.path("recordsDelivered").asLong(), l.path("lastSuccess").asText(""),
                            abbreviate(l.path("lastError").asText(""), 60));
                }
                yield t.toString();
            }
            case "audit" -> {
                TextTable t = new TextTable(">no", "at", "kind", "peer", "record", "code", "message");
                for (var e : body.path("events")) {
                    t.row(e.path("no").asLong(), e.path("at").asText(), e.path("kind").asText(), e.path("peer").asText(""),
                            e.path("recordId").asText(""), e.path("code").asText(""), abbreviate(e.path("message").asText(""), 100));
                }
                yield t.toString();
            }
            case "pause", "resume" -> body.path("link").asText() + ": " + body.path("state").asText() + System.lineSeparator();
            case "catch-up" -> "pulled " + body.path("pulled").asLong() + " records" + System.lineSeparator();
            case "clear-conflict" -> body.path("origin").asText() + ": " + body.path("state").asText() + System.lineSeparator();
            default -> JSON.writeValueAsString(body) + System.lineSeparator();
        };
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    private static String need(String arg, String cmd) {
        if (arg == null) throw new IllegalArgumentException(cmd + " needs a link id");
        return arg;
    }

    private static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    }

    /** One line per origin, aligned: what an operator scans for a CONFLICT or a watermark behind. */
    static String originsTable(com.fasterxml.jackson.databind.JsonNode body) {
        TextTable t = new TextTable("origin", ">watermark", ">highest seq", ">records", "state");
        for (com.fasterxml.jackson.databind.JsonNode o : body.path("origins")) {
            t.row(o.path("origin").asText(), o.path("watermark").asLong(), o.path("highestSeq").asLong(), o.path("records").asLong(),
                    o.path("state").asText("OK"));
        }
        return t.toString();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String[] rest(String[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }
}
