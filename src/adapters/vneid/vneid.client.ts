import * as oidc from "openid-client";

export interface VneidConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** motcua's callback, registered with VNeID. */
  redirectUri: string;
}

/** VNeID sign-in for citizens (OpenID Connect, authorization code + PKCE) through openid-client. */
export class VneidClient {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(readonly config: VneidConfig) {}

  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(this.config.issuer);
      this.discovered = oidc
        .discovery(
          new URL(this.config.issuer),
          this.config.clientId,
          this.config.clientSecret,
          undefined,
          // Plain HTTP only for a stand-in on this machine; production issuers are HTTPS.
          local ? { execute: [oidc.allowInsecureRequests] } : undefined,
        )
        .catch((e) => {
          this.discovered = null;
          throw e;
        });
    }
    return this.discovered;
  }

  async start(): Promise<{ url: string; state: string; verifier: string }> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUri,
      scope: "openid profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    return { url: url.href, state, verifier };
  }

  /** The verified identity from the callback URL. */
  async finish(callbackUrl: URL, state: string, verifier: string) {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const claims = tokens.claims();
    if (!claims?.sub) throw new Error("VNeID answered without an identity");
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { idNumber: claims.sub, name: String(info.name ?? ""), level: Number(info.level ?? 1) };
  }
}
