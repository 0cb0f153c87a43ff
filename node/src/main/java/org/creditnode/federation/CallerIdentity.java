package org.creditnode.federation;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.transport.TLSSessionInfo;
import org.creditnode.certs.NodeIdentity;

/**
 * Who is calling: the node id (CN) of the client certificate of the current request's mutual TLS
 * session. The TLS handshake already proved the caller holds that certificate's key and that it
 * chains to the federation's TLS anchors; this only reads the result CXF put in the message.
 */
public final class CallerIdentity {
    private static final Pattern NODE_ID = Pattern.compile("\\d{6}");

    private CallerIdentity() {
    }

    /** The calling node's id for the request being served on this thread, or null if none is known. */
    public static String current() {
        return of(PhaseInterceptorChain.getCurrentMessage());
    }

    /** The client's certificate chain as it presented it (leaf first) for the current request; empty if none. */
    public static java.util.List<X509Certificate> chain() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        TLSSessionInfo tls = message == null ? null : message.get(TLSSessionInfo.class);
        Certificate[] peer = tls == null ? null : tls.getPeerCertificates();
        java.util.List<X509Certificate> out = new java.util.ArrayList<>();
        if (peer != null) for (Certificate c : peer) if (c instanceof X509Certificate x) out.add(x);
        return out;
    }

    /** The node id in a CXF message's TLS session, or null (no TLS, no client certificate, not a node certificate). */
    public static String of(Message message) {
        if (message == null) {
            return null;
        }
        TLSSessionInfo tls = message.get(TLSSessionInfo.class);
        Certificate[] peer = tls == null ? null : tls.getPeerCertificates();
        if (peer == null || peer.length == 0 || !(peer[0] instanceof X509Certificate leaf)) {
            return null;
        }
        String cn = NodeIdentity.commonName(leaf);
        return NODE_ID.matcher(cn).matches() ? cn : null;
    }
}
