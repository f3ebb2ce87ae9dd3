export { analyticsMigrations } from './analytics.migrations.ts';
export { type AnalyticsFilter, type Granularity, granularities } from './analytics-filter.ts';
export { type ChannelReport, readChannelReport } from './channel-analytics.queries.ts';
export {
  applyConversationAnalyticsPage,
  CONVERSATION_ANALYTICS_PROJECTION,
  conversationAnalyticsProjection,
} from './conversation-analytics.projection.ts';
export {
  type CsatRow,
  type ResponseMetric,
  readCsat,
  readResponseTimes,
  readSlaCompliance,
  readVolumes,
  responseMetrics,
  type SlaRow,
  type TimeGroup,
  type TimeRow,
  timeGroups,
  type VolumeGroup,
  type VolumeRow,
  volumeGroups,
} from './conversation-analytics.queries.ts';
export {
  applyCustomerAnalyticsPage,
  CUSTOMER_ANALYTICS_PROJECTION,
  customerAnalyticsProjection,
} from './customer-analytics.projection.ts';
export { readCustomerSurvivors, survivorsSql } from './merge-map.ts';
export {
  applySocialAnalyticsPage,
  ERASED_NETWORK,
  SOCIAL_ANALYTICS_PROJECTION,
  socialAnalyticsProjection,
} from './social-analytics.projection.ts';
export { readSocialVolumes, type SocialGroup, type SocialRow, socialGroups } from './social-analytics.queries.ts';
export * from './value/index.ts';
