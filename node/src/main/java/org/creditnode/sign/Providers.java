package org.creditnode.sign;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers Bouncy Castle once; SM2/SM3 exist only there. Safe to call from anywhere, any time. */
public final class Providers {

    private static volatile Provider bc;

    private Providers() {
    }

    /** Returns the registered BC provider, adding it first if no one (e.g. the certs module) has. */
    public static Provider ensure() {
        Provider p = bc;
        if (p != null) {
            return p;
        }
        synchronized (Providers.class) {
            p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (p == null) {
                p = new BouncyCastleProvider();
                Security.addProvider(p);
            }
            bc = p;
            return p;
        }
    }
}
