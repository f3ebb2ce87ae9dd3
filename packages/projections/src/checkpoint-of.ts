import { type GlobalPosition, parsePosition } from '@hub/events';
import type { SqlExecutor } from '@hub/sql';

/** Where the live projection has got to; undefined when it never committed a page. */
export async function checkpointOf(executor: SqlExecutor, projection: string): Promise<GlobalPosition | undefined> {
  const [row] = await executor.query<{ position: string }>(
    'SELECT position FROM read_models.checkpoints WHERE projection = $1',
    [projection],
  );
  return row ? parsePosition(row.position) : undefined;
}
