/**
 * A from -> to table (channel switching), each cell shaded by its share of the largest: a real
 * table, so screen readers read its rows and columns as they are.
 */
export function Matrix({
  caption,
  corner,
  rows,
  columns,
  count,
  formatCount,
}: {
  caption: string;
  corner: string;
  rows: readonly { key: string; label: string }[];
  columns: readonly { key: string; label: string }[];
  count: (row: string, column: string) => number;
  formatCount: (n: number) => string;
}) {
  const max = Math.max(1, ...rows.flatMap((r) => columns.map((c) => count(r.key, c.key))));
  return (
    <div className="matrix-scroll">
      <table className="matrix">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{corner}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                <bdi>{c.label}</bdi>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <bdi>{r.label}</bdi>
              </th>
              {columns.map((c) => {
                const n = count(r.key, c.key);
                const share = n / max;
                return (
                  <td
                    key={c.key}
                    style={{ background: `rgba(0, 114, 178, ${n === 0 ? 0 : 0.12 + share * 0.88})` }}
                    className={share > 0.55 ? 'dark' : undefined}
                  >
                    {formatCount(n)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
