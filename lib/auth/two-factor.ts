import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI } from "@oslojs/otp";
import QRCode from "qrcode";
import { normaliseRecoveryCode, TOTP_DIGITS, TOTP_PERIOD_S } from "@/lib/domain/totp";

export const RECOVERY_CODE_COUNT = 10;

/** A new shared secret: 20 random bytes (RFC 4226's recommended 160 bits), base32 as apps expect. */
export function newTotpSecret(): string {
  return encodeBase32NoPadding(randomBytes(20));
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
