#!/usr/bin/env node
// Prints new HUB_CHANNEL_TOKEN, HUB_AGENT_TOKEN and HUB_MASTER_KEY lines in .env format, for a
// deployment that runs the hub in several processes or containers (they must all share them):
//   node scripts/hub-secrets.mjs > infra/.env && chmod 600 infra/.env
// Keep the file with your backups: without the master key, sealed data cannot be read again.
import { randomBytes } from 'node:crypto';

process.stdout.write(
  [
    `HUB_CHANNEL_TOKEN=${randomBytes(24).toString('base64url')}`,
    `HUB_AGENT_TOKEN=${randomBytes(24).toString('base64url')}`,
    `HUB_MASTER_KEY=${randomBytes(32).toString('base64')}`,
    '',
  ].join('\n'),
);
