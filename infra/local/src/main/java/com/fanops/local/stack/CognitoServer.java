package com.fanops.local.stack;

import com.fanops.local.identity.LocalIdentity;
import java.io.IOException;

/** The local user pool's endpoint: Cognito's InitiateAuth protocol for the dashboard's login, and the JWKS. */
final class CognitoServer extends SimpleHttp {

    CognitoServer(int port, LocalIdentity identity) throws IOException {
        super(port);
        server.createContext("/", identity.cognitoEndpoint());
        server.createContext("/.well-known/jwks.json", identity.jwksEndpoint());
        start();
    }
}
