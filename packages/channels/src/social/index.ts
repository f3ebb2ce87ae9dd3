export { metaInteractionId, metaTime } from './meta-interaction.ts';
export { type MetaMapping, mapMetaWebhook } from './meta-webhook.mapper.ts';
export { MetaWebhook } from './meta-webhook.schema.ts';
