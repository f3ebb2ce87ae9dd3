// The Okabe–Ito colours, told apart by people with the common colour-blindnesses, darkened where
// needed to keep 3:1 against the white card (WCAG's contrast for graphics); yellow is left out.
export const seriesColours = ['#0072b2', '#d55e00', '#009e73', '#b8578f', '#8a6100', '#000000'] as const;

export const colourOf = (index: number): string => seriesColours[index % seriesColours.length] ?? '#000000';

/** Dash patterns beside the colours, so series differ without colour too (lines and swatches). */
export const dashOf = (index: number): string | undefined => ['', '6 3', '2 3', '8 3 2 3'][index % 4] || undefined;
