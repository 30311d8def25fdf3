// The school's OpenID provider for the e2e suite: panva's oidc-provider (a certified OpenID
// Connect implementation) on 127.0.0.1, started by playwright.config.ts beside the app. Its
// sign-in page takes any email and signs that person in, as a school's directory would:
// - the ID token carries email, email_verified (false for "unverified-…" addresses), a name,
//   and `role: "admin"` for everyone, which Masthead must ignore;
// - ticking "I used my security key" signs in with amr ["pwd", "hwk"] (a second factor);
// - it asks every time (no remembered session), so each test signs in whom it names.
import http from "node:http";
import { interactionPolicy, Provider } from "oidc-provider";

const port = Number(process.env.E2E_IDP_PORT);
const appPort = Number(process.env.E2E_PORT ?? 3100);
const clientId = process.env.E2E_OIDC_CLIENT_ID;
const clientSecret = process.env.E2E_OIDC_CLIENT_SECRET;
if (!port || !clientId || !clientSecret) throw new Error("E2E_IDP_PORT, E2E_OIDC_CLIENT_ID and E2E_OIDC_CLIENT_SECRET are required.");
const issuer = `http://127.0.0.1:${port}`;

const policy = interactionPolicy.base();
// Always show the sign-in page, except when coming back from it.
policy.get("login").checks.add(new interactionPolicy.Check("e2e_always_login", "the e2e provider asks every time", (ctx) => !ctx.oidc.result));

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // amr and acr must be listed to reach the ID token.
  claims: { acr: null, amr: null, openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "role"] },
  // Put the profile claims in the ID token itself, as Google and Microsoft do.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ["masthead-e2e-idp-cookie-key"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: !id.startsWith("unverified-"), name: `School user ${id.split("@")[0]}`, role: "admin" }),
    };
  },
});
provider.proxy = false;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(uid) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>School ID</title></head><body>
<main><h1>School ID</h1>
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">School email</label> <input id="login" name="login" type="email" required>
<label><input type="checkbox" name="mfa" value="1"> I used my security key</label>
<button type="submit">Continue to Masthead</button>
</form></main></body></html>`;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? "");
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(details.uid));
      return;
    }
    const form = await readForm(req);
    const accountId = (form.get("login") ?? "").trim().toLowerCase();
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope("openid email profile");
    const grantId = await grant.save();
    const amr = form.get("mfa") ? ["pwd", "hwk"] : ["pwd"];
    await provider.interactionFinished(req, res, { login: { accountId, amr }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
  }
});
server.listen(port, "127.0.0.1", () => console.log(`school OpenID provider at ${issuer}`));
