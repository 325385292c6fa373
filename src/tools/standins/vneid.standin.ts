import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import Provider, { type Adapter } from "oidc-provider";
import { syntheticPersonById } from "../demo/people.ts";

/**
 * Stand-in for VNeID: an OpenID Connect provider (oidc-provider) whose accounts are the synthetic
 * people. Its login page takes a CCCD and the password "demo"; consent is implied (as on VNeID).
 */
export async function startVneidStandin(o: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}): Promise<{ issuer: string; server: Server; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(o.port, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: o.clientId,
        client_secret: o.clientSecret,
        redirect_uris: o.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub"], profile: ["name", "birthdate", "gender", "level"] },
    scopes: ["openid", "profile"],
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // A fresh signing key per start: the stand-in's tokens never outlive it.
    jwks: {
      keys: [
        {
          ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
          use: "sig",
          kid: "standin",
        },
      ],
    },
    // Its own in-memory store: oidc-provider prints a warning into the log stream when given none.
    adapter: await quietMemoryAdapter(),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const p = syntheticPersonById(id);
      if (!p) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            name: p.name,
            birthdate: p.birthDate,
            gender: p.female ? "female" : "male",
            level: 2,
          };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const id = ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? "");
      if (id) return ctx.oidc.provider.Grant.find(id);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId,
        accountId: ctx.oidc.session?.accountId,
      });
      grant.addOIDCScope("openid profile");
      grant.addOIDCClaims(["name", "birthdate", "gender", "level"]);
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  server.on("request", async (req, res) => {
    const m = /^\/interaction\/([\w-]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    if (!m) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "POST") {
        const form = new URLSearchParams(await body(req));
        const id = form.get("cccd") ?? "";
        if (!syntheticPersonById(id) || form.get("password") !== "demo") {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return res.end(page(details.uid, "Số định danh hoặc mật khẩu không đúng."));
        }
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: id } },
          { mergeWithLastSubmission: false },
        );
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page(details.uid, ""));
    } catch (e) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(e));
    }
  });
  return { issuer, server, close: () => new Promise((r) => server.close(() => r())) };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (c) => {
      s += c;
    });
    req.on("end", () => resolve(s));
  });
}

const page = (uid: string, error: string) =>
  `<!doctype html><html lang="vi"><meta charset="utf-8"><title>VNeID (mô phỏng)</title>
<h1>Đăng nhập VNeID — môi trường mô phỏng</h1>${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}"><label>Số định danh cá nhân <input name="cccd" autocomplete="username"></label>
<label>Mật khẩu <input name="password" type="password" value="demo"></label><button>Đăng nhập</button></form>`;

/**
 * oidc-provider's memory adapter under another name: the same store, without the console.warn
 * ("a quick start development-only in-memory adapter is used") it prints for its own default.
 */
async function quietMemoryAdapter(): Promise<new (model: string) => Adapter> {
  const path = "oidc-provider/lib/adapters/memory_adapter.js";
  const { default: MemoryAdapter } = (await import(path)) as { default: new (model: string) => Adapter };
  return class StandinMemoryAdapter extends MemoryAdapter {};
}
