import { randomToken } from "../ids.js";

/**
 * Id shapes as the real API hands them out (`msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d`,
 * `req_011CSHoEeqs5C35K2UUqR7Fy`), so clients that sniff prefixes keep working.
 */
export const anthropicIds = {
  batch: () => `msgbatch_01${randomToken(22)}`,
  message: () => `msg_01${randomToken(22)}`,
  toolUse: () => `toolu_01${randomToken(22)}`,
  requestId: () => `req_011C${randomToken(20)}`,
  /** Opaque, base64-looking, as the real thinking blocks' signatures are. */
  thinkingSignature: () => `Eq${randomToken(86)}==`,
};

/** RFC 3339 with microseconds and `Z`, as the real API writes its times. */
export function rfc3339(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, -1)}${String(micros).padStart(3, "0")}Z`;
}
