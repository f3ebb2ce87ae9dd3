// Reply and forward prefixes of the mail clients our customers use: English, German (AW, WG),
// Nordic (SV, VS), French (TR, RV), Dutch (Antw), Arabic (رد) and Persian (پاسخ, هدایت, بازارسال),
// with the counters some clients add (`Re[2]:`, `Re(2):`).
const PREFIX =
  /^(?:re|fwd?|aw|wg|sv|vs|tr|rv|antw|رد|پاسخ|هدایت|بازارسال|ارسال مجدد)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;

/**
 * A subject as a thread key compares it: NFKC, Arabic yeh and kaf as their Persian forms, the
 * zero-width non-joiner and every run of white space as one space, lower case, and reply or
 * forward prefixes stripped however many times they repeat. Empty when nothing is left.
 */
export function normaliseSubject(subject: string): string {
  let folded = subject
    .normalize('NFKC')
    .replace(/\u064A/gu, '\u06CC')
    .replace(/\u0643/gu, '\u06A9')
    .replace(/[\s\u200C]+/gu, ' ')
    .trim()
    .toLowerCase();
  for (let stripped = folded.replace(PREFIX, ''); stripped !== folded; stripped = folded.replace(PREFIX, '')) {
    folded = stripped;
  }
  return folded;
}
