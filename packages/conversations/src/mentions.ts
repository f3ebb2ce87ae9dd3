// `@handle` where the handle is letters (any script), digits, `.`, `_` or `-`. Not preceded by a
// word character, so an email address in a note (`sara@example.ir`) mentions nobody.
const MENTION = /(?<![\p{L}\p{N}_.-])@([\p{L}\p{N}_.-]+)/gu;

/**
 * The user ids mentioned in a note, in order of first mention, each once. Handles match without
 * regard to case; a trailing `.` or `-` ends the sentence, not the handle; unknown handles are text.
 */
export function parseMentions(text: string, knownHandles: Readonly<Record<string, string>>): string[] {
  const byHandle = new Map(Object.entries(knownHandles).map(([handle, userId]) => [fold(handle), userId]));
  const mentioned: string[] = [];
  for (const [, raw = ''] of text.matchAll(MENTION)) {
    const userId = byHandle.get(fold(raw)) ?? byHandle.get(fold(raw.replace(/[.-]+$/u, '')));
    if (userId !== undefined && !mentioned.includes(userId)) mentioned.push(userId);
  }
  return mentioned;
}

const fold = (handle: string): string => handle.replace(/^@/, '').toLowerCase();
