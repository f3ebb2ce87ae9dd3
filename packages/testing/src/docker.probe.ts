const probeTimeoutMs = 3_000;

/**
 * Whether a container engine answers, asked the way testcontainers itself will ask (DOCKER_HOST,
 * ~/.testcontainers.properties, the usual sockets). Never throws and never waits longer than a
 * few seconds: a machine without Docker must fall through to local servers quickly.
 */
export async function isDockerAvailable(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), probeTimeoutMs);
    timer.unref();
  });
  const probe = (async () => {
    try {
      // Loaded lazily: testcontainers pulls in dockerode and ssh2, which runs that only need
      // configured servers should not pay for.
      const { getContainerRuntimeClient } = await import('testcontainers');
      await getContainerRuntimeClient();
      return true;
    } catch {
      return false;
    }
  })();
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
