export {
  createLiveFeed,
  type LiveFeed,
  type LiveFeedOptions,
  type LiveListener,
  type LiveNotification,
} from './live-feed.ts';
export { type LiveRouteOptions, registerLiveRoute } from './sse.route.ts';
