// A real OpenID Connect provider (the certified oidc-provider package) for the OAuth integration tests, on loopback.
//
//   OIDC_PORT     port to listen on (127.0.0.1)
//   OIDC_CLIENTS  JSON array of client metadata (client_id, client_secret, redirect_uris, token_endpoint_auth_method)
//
// Prints "READY <issuer>" once it listens. Its development interactions ask for any login name and password; the
// login name is the account's subject, and it also encodes the account's claims, so tests make the users they need:
//   <name>~<email, or empty for none>~<1 if the provider verified the email, else 0>
// PKCE (S256) is required of every client, so a wrong verifier is refused by the provider itself.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');
const issuer = `http://127.0.0.1:${port}`;

function claimsOf(subject) {
  const [, email, verified] = subject.split('~');
  return {
    sub: subject,
    ...(email ? { email, email_verified: verified === '1' } : {}),
    name: subject.split('~')[0],
  };
}

const provider = new Provider(issuer, {
  clients,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['users-integration-tests-only'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, subject) {
    return { accountId: subject, async claims() { return claimsOf(subject); } };
  },
});

// Development interactions warn on every start; the tests know.
provider.on('server_error', (ctx, error) => console.error('server_error', error));

provider.listen(port, '127.0.0.1', () => {
  console.log(`READY ${issuer}`);
});
