// Persian text arrives typed with Arabic letters as often as Persian ones (ي/ی, ك/ک), with
// zero-width non-joiners or without: fold them so either spelling finds the customer.
const FOLDS: [RegExp, string][] = [
  [/\u064A/g, '\u06CC'], // Arabic yeh -> Farsi yeh
  [/\u0643/g, '\u06A9'], // Arabic kaf -> keheh
  [/\u200C|\u200D|\u200E|\u200F/g, ''], // ZWNJ, ZWJ, direction marks
  [/[\u064B-\u065F\u0670]/g, ''], // Arabic diacritics
];

export const searchable = (text: string): string =>
  FOLDS.reduce((folded, [pattern, replacement]) => folded.replace(pattern, replacement), text.normalize('NFC'))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
