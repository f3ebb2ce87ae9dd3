/**
 * uvu 0.5.6 drops an error thrown in a `before` hook: the suite prints `(0 / 3)` with no reason
 * and the process exits 0. Wrapped, the hook prints why it failed and the exit code says so, so a
 * missing server reads as a failure with its message, never as a silent non-result.
 */
export function loudHook<Context>(hook: (context: Context) => Promise<void>): (context: Context) => Promise<void> {
  return async (context) => {
    try {
      await hook(context);
    } catch (error) {
      process.stderr.write(`setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
      // uvu sets the exit code itself at the end of the run; an exit listener has the last word.
      process.once('exit', () => {
        process.exitCode = 1;
      });
      throw error;
    }
  };
}
