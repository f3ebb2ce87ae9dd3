// What serving a customer costs per channel: the hub's configuration (HUB_ANALYTICS_CHANNEL_COSTS),
// validated here so the composition root and the tests read it the same way.

export const costChannels = ['email', 'webform', 'phone', 'chat', 'social', 'generic'] as const;
export type CostChannel = (typeof costChannels)[number];

export interface ChannelCost {
  /** Paid per contact whatever its length (a call's line charge, a ticket licence); in `currency`. */
  readonly perContact: number;
  /** Paid per handled minute (the agent's time); in `currency`. */
  readonly perMinute: number;
  /** Handled minutes of a contact whose own duration is unknown (every written message). */
  readonly minutesPerContact: number;
}

export interface ChannelCosts {
  /** ISO 4217: costs are in it, and cost to serve is set against value in it. */
  readonly currency: string;
  readonly channels: Readonly<Record<CostChannel, ChannelCost>>;
}

const written = (minutesPerContact: number): ChannelCost => ({ perContact: 0, perMinute: 0.75, minutesPerContact });

/** Agent time at 45 an hour; a call adds a line charge and telephony per minute. */
export const DEFAULT_CHANNEL_COSTS: ChannelCosts = Object.freeze({
  currency: 'EUR',
  channels: Object.freeze({
    email: written(6),
    webform: written(6),
    chat: written(4),
    social: written(3),
    generic: written(5),
    phone: { perContact: 0.1, perMinute: 0.9, minutesPerContact: 5 },
  }),
});

const isAmount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * `{"currency":"EUR","channels":{"phone":{"perContact":0.1,"perMinute":0.9,"minutesPerContact":5}}}`:
 * every field optional, a channel's missing fields taken from the defaults. Throws a RangeError
 * naming the first bad field.
 */
export function parseChannelCosts(json: string | undefined): ChannelCosts {
  if (json === undefined || json.trim() === '') return DEFAULT_CHANNEL_COSTS;
  let spec: unknown;
  try {
    spec = JSON.parse(json);
  } catch {
    throw new RangeError('not JSON');
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new RangeError('a JSON object');
  const { currency = DEFAULT_CHANNEL_COSTS.currency, channels = {}, ...rest } = spec as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new RangeError(`unknown field ${unknown} (currency, channels)`);
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    throw new RangeError('currency must be an ISO 4217 code such as EUR');
  if (typeof channels !== 'object' || channels === null || Array.isArray(channels))
    throw new RangeError('channels must be an object by channel');
  const result = { ...DEFAULT_CHANNEL_COSTS.channels };
  for (const [channel, given] of Object.entries(channels)) {
    if (!(costChannels as readonly string[]).includes(channel))
      throw new RangeError(`unknown channel ${channel} (${costChannels.join(', ')})`);
    if (typeof given !== 'object' || given === null) throw new RangeError(`channels.${channel} must be an object`);
    const cost = { ...result[channel as CostChannel], ...(given as object) } as Record<string, unknown>;
    for (const field of Object.keys(cost)) {
      if (!['perContact', 'perMinute', 'minutesPerContact'].includes(field))
        throw new RangeError(`unknown field channels.${channel}.${field}`);
      if (!isAmount(cost[field])) throw new RangeError(`channels.${channel}.${field} must be a number >= 0`);
    }
    result[channel as CostChannel] = cost as unknown as ChannelCost;
  }
  return Object.freeze({ currency, channels: Object.freeze(result) });
}
