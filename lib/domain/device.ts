/** "Chrome 140 on Linux (desktop)" from a User-Agent header, with bowser; pure. */
import Bowser from "bowser";

export function describeDevice(userAgent: string): string {
  if (!userAgent.trim()) return "Unknown device";
  const { browser, os, platform } = Bowser.parse(userAgent);
  const name = browser.name ? `${browser.name}${browser.version ? ` ${browser.version.split(".")[0]}` : ""}` : "Unknown browser";
  const system = os.name ? ` on ${os.name}${os.versionName ? ` ${os.versionName}` : ""}` : "";
  const kind = platform.type && platform.type !== "desktop" ? ` (${platform.type})` : "";
  return `${name}${system}${kind}`;
}

/** How a session signed in, for Your account's list. */
export function describeSignInMethod(method: string, secondFactor: string | null, providerNames: Record<string, string> = {}): string {
  const first = method === "credentials" ? "Password" : `Single sign-on (${providerNames[method] ?? method})`;
  if (secondFactor === "totp") return `${first} + authenticator code`;
  if (secondFactor === "recovery") return `${first} + recovery code`;
  if (secondFactor === "provider") return `${first}, with the provider's second factor`;
  return first;
}
