/**
 * The live feed as the header shows it: not open yet since sign-in (`connecting`), open (`live`),
 * or lost after it was open and being opened again (`reconnecting`).
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** What the feed's `open` or `error` makes of the status: an error before any open is still connecting. */
export function nextLiveStatus(status: LiveStatus, happened: 'open' | 'error'): LiveStatus {
  if (happened === 'open') return 'live';
  return status === 'connecting' ? 'connecting' : 'reconnecting';
}
