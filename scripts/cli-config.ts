// The hub's configuration for a developer command: the same variables as the hub, and the same
// exit status when they are wrong (78, EX_CONFIG), with the reason on stderr.
import { isHubError } from '../packages/errors/src/index.ts';
import { type HubConfig, loadConfig } from '../services/hub/src/config.ts';

export function loadConfigOrExit(): HubConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    console.error(isHubError(error) ? `${error.code}: ${error.message}` : error);
    return process.exit(78); // EX_CONFIG, as the hub
  }
}
