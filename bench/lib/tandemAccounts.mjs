// Accounts on a Tandem under the bench: signs one up over the HTTP API and returns its session cookie.
export const BENCH_PASSWORD = "bench password 1234";

export async function signup(base, email, name) {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: BENCH_PASSWORD, name }),
  });
  if (res.status !== 201) throw new Error(`tandem signup of ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers.get("set-cookie").split(";")[0];
}
