/** One sample of a Prometheus text exposition: `name{label="value",...} number`. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:[0-9.e+-]+|Inf|\+Inf|[Nn]a[Nn]))(?: -?\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;
const metaLine = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/;

/**
 * Parses the text format (version 0.0.4) strictly (NaN in any case, as Prometheus's float parser
 * takes it; prom-client writes `Nan`): a line that is neither a comment, a blank nor
 * a well-formed sample throws, and so does a sample whose family was given no TYPE before it.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const types = new Map<string, string>();
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = metaLine.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') types.set(meta[2] ?? '', meta[3] ?? '');
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    const name = match[1] ?? '';
    const family = [...types.keys()].find(
      (f) => name === f || (/^_(bucket|sum|count|total|created)$/.test(name.slice(f.length)) && name.startsWith(f)),
    );
    if (!family) throw new Error(`sample ${name} has no # TYPE line before it`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? '';
    let consumed = 0;
    for (const pair of body.matchAll(labelPair)) {
      labels[pair[1] ?? ''] = (pair[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      consumed += pair[0].length;
    }
    if (consumed !== body.length) throw new Error(`bad labels in ${JSON.stringify(line)}`);
    const raw = match[3] ?? '';
    samples.push({
      name,
      labels,
      value: raw.endsWith('Inf')
        ? raw.startsWith('-')
          ? -Infinity
          : Infinity
        : /nan/i.test(raw)
          ? Number.NaN
          : Number(raw),
    });
  }
  return samples;
}

/** The value of the one sample with this name and these labels (others ignored), or undefined. */
export function sampleValue(
  samples: readonly PrometheusSample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
