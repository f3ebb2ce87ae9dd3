/**
 * Where a test server came from: `configured` by the environment (a runner or the developer),
 * a `docker` container started by testcontainers, or a `local` process on this machine.
 */
export type ServerSource = 'configured' | 'docker' | 'local';

export interface ProvidedServer {
  readonly source: ServerSource;
  /** Stops what this call started; a no-op for servers it only found. */
  stop(): Promise<void>;
}

export const keepRunning = async (): Promise<void> => {};
