// One folding for both sides of every search (customer search here, message search elsewhere):
// what an agent types and what is stored go through the same function, so spelling variants meet.
// Persian arrives typed with Arabic letters as often as Persian ones (ي/ی, ك/ک, ة/ه), with or
// without zero-width non-joiners, tatweel, diacritics and hamza forms, digits in three scripts,
// and Latin from phone keyboards in full width.

/** Arabic and Latin combining marks: harakat, superscript alef, Quranic marks, hamza above/below, accents. */
const MARKS = /[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]/g;
/** Joiners, direction marks and isolates, soft hyphen, byte-order mark, tatweel. */
const INVISIBLE = /[\u00AD\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const CONTROL = /\p{Cc}/gu;

const LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh -> Farsi yeh
  '\u0649': '\u06CC', // alef maksura -> Farsi yeh
  '\u0643': '\u06A9', // Arabic kaf -> keheh
  '\u0629': '\u0647', // teh marbuta -> heh
  '\u06D5': '\u0647', // ae (what heh with yeh above, U+06C0, decomposes to) -> heh
  '\u06C1': '\u0647', // heh goal -> heh
  '\u0671': '\u0627', // alef wasla -> alef
  '\u0621': '', // a lone hamza is spelt or left out at will
};
const LETTER = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Persian (U+06F0..) and Arabic-Indic (U+0660..) digits -> ASCII. */
const asciiDigit = (d: string) => String((d.codePointAt(0) ?? 0) & 0xf);
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Text folded for search: NFKC (full-width Latin, presentation forms), hamza and madda forms to
 * their bare letter (NFD, marks dropped: أ إ آ -> ا, ؤ -> و, ئ -> ی), yeh, kaf, heh and teh marbuta
 * unified, tatweel, joiners and diacritics dropped, digits to ASCII, lower case, one space.
 */
export const searchable = (text: string): string =>
  text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(INVISIBLE, '')
    .replace(LETTER, (letter) => LETTERS[letter] ?? letter)
    .replace(DIGITS, asciiDigit)
    .replace(CONTROL, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
