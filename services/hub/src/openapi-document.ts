import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

/** The OpenAPI document of a hub with every role, as `/openapi.json` serves it (an embedded hub in a throwaway folder). */
export async function hubOpenApiDocument(): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-openapi-'));
  const hub = await composeHub(loadConfig({ HUB_DATA_DIR: dir, HUB_LOG_LEVEL: 'silent' }), silentLogger());
  try {
    const response = await hub.app.inject({ method: 'GET', url: '/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`);
    return response.json();
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
