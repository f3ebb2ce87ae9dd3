import { type KeyboardEvent, useState } from 'react';

/**
 * A list's keyboard: ↓/j and ↑/k move the selection, Enter opens the selected row. Returns the
 * selected index and the list's key handler.
 */
export function useRowKeys<Row>(rows: readonly Row[] | undefined, open: (row: Row) => void) {
  const [selected, setSelected] = useState(0);
  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (!rows?.length) return;
    if (event.key === 'ArrowDown' || event.key === 'j') setSelected((i) => Math.min(rows.length - 1, i + 1));
    else if (event.key === 'ArrowUp' || event.key === 'k') setSelected((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter') {
      const row = rows[selected];
      if (row) open(row);
    } else return;
    event.preventDefault();
  };
  return { selected, setSelected, onKey };
}
