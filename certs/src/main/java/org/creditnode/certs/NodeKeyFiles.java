package org.creditnode.certs;

import java.nio.file.Path;

/** Where a node finds its key stores and the trust anchors of both PKIs. */
public record NodeKeyFiles(Path signingKeystore, Path tlsKeystore, Path signingTrust, Path tlsTrust) {
}
