/**
 * The names the hub's interaction log goes by unless configured otherwise; the composition root
 * and the dead-letters CLI both start from these, so they meet on the same topics and rows.
 */
export const interactionLogNames = Object.freeze({
  topic: 'hub.interactions',
  deadLetterTopic: 'hub.interactions.dead-letters',
  /** The in-process log's name in the `dead_letters` table. */
  inProcess: 'interactions',
});
