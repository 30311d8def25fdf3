import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI } from "@oslojs/otp";
import QRCode from "qrcode";
import { sessionSecret } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { normaliseRecoveryCode, TOTP_DIGITS, TOTP_PERIOD_S } from "@/lib/domain/totp";

export const RECOVERY_CODE_COUNT = 10;

/** A new shared secret: 20 random bytes (RFC 4226's recommended 160 bits), base32 as apps expect. */
export function newTotpSecret(): string {
  return encodeBase32NoPadding(randomBytes(20));
}

/** The prefix of a sealed secret; a stored value without it is a plaintext row from before sealing. */
const SEALED_V1 = "v1:";

/**
 * The key that seals authenticator secrets at rest: HKDF-SHA-256 from the session secret
 * (`NEXTAUTH_SECRET`, or data/secret), with its own label, so it is never the signing key itself.
 * Changing the session secret makes sealed secrets unreadable: staff then enrol again.
 */
function sealingKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", sessionSecret(), "masthead", "masthead totp-secret v1", 32));
}

/**
 * Seals a base32 secret for the TwoFactor row with AES-256-GCM: "v1:" + base64url(iv · ciphertext
 * · tag). The account id is the associated data, so a sealed value copied into another account's
 * row does not open.
 */
export function sealTotpSecret(secret: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return SEALED_V1 + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** Whether a stored value is sealed (else it is a plaintext row from before sealing). */
export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(SEALED_V1);
}

/**
 * The base32 secret from a stored value, and whether it was stored in plaintext (a row from
 * before sealing, which the caller seals on this use). Throws when a sealed value does not open.
 */
export function openTotpSecret(stored: string, userId: string): { secret: string; legacy: boolean } {
  if (!stored.startsWith(SEALED_V1)) return { secret: stored, legacy: true };
  const raw = Buffer.from(stored.slice(SEALED_V1.length), "base64url");
  try {
    if (raw.length < 12 + 16 + 1) throw new Error("too short");
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const secret = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    return { secret, legacy: false };
  } catch {
    throw new AppError("CONFLICT", "Your authenticator app's secret cannot be read on this server (its secret key has changed). Use a recovery code, or ask an administrator to reset your two-factor sign-in.");
  }
}

export function secretKey(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret);
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function otpauthUri({ issuer, accountName, secret }: { issuer: string; accountName: string; secret: string }): string {
  return createTOTPKeyURI(issuer, accountName, secretKey(secret), TOTP_PERIOD_S, TOTP_DIGITS);
}

/** The QR code as an SVG document, drawn here on the server: the secret goes to no other service. */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}

/** Ten codes of 50 random bits each, shown as "abcde-fghij". */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = encodeBase32NoPadding(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/**
 * Recovery codes are stored as SHA-256 hashes: each carries 50 random bits, so a slow password
 * hash adds nothing, and a stolen database does not reveal them.
 */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

/** The index of the stored hash a typed code matches, or -1 (compared in constant time). */
export function matchRecoveryCode(typed: string, hashes: readonly string[]): number {
  const candidate = Buffer.from(hashRecoveryCode(typed), "hex");
  let found = -1;
  hashes.forEach((hash, i) => {
    const stored = Buffer.from(hash, "hex");
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate) && found === -1) found = i;
  });
  return found;
}
