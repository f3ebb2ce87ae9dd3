// Generated from the hub's OpenAPI document by `pnpm console:api-types`; do not edit.
export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agent console: one HTML page; its screens are #/ routes, its data the API below */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console's scripts and styles (hashed names, cached for a year) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    file: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same as /health/ready */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers and its event loop is not blocked */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventLoopDelayMs: number;
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventLoopDelayMs: number;
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: dependencies and projections */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Readiness"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Prometheus text format 0.0.4 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (OpenAPI 3.1) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            openapi: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/exports/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history (or the part the filters select) as NDJSON or CSV, streamed
         * @description Admins (settings:manage). Personal data stays sealed as stored (the command line can open it). The whole store is read, a page at a time.
         */
        get: {
            parameters: {
                query?: {
                    format?: "ndjson" | "csv";
                    /** @description recorded at or after */
                    from?: string;
                    streamPrefix?: string;
                    /** @description recorded before */
                    to?: string;
                    /** @description event types, repeated */
                    type?: string | string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description one event per line */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                        "text/csv": string;
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/replays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Replays, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            replays: components["schemas"]["Replay"][];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Replay a projection: rebuild it in shadow tables while it serves, swap once caught up
         * @description Admins (settings:manage). One replay of a projection at a time (409 ALREADY_EXISTS). `from` replays only from a date, for projections whose rows are facts keyed by time (400 otherwise).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description replay from this date only (projections whose rows are facts keyed by time)
                         */
                        from?: string;
                        projection: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Replay"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/replays/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A replay's state and progress: events done / total, events per second, ETA, error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Replay"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/workload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agents' open, pending and snoozed conversations: everyone's with workload:read, else one's own */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: {
                                agentId: string;
                                open: number;
                                pending: number;
                                /** @enum {string} */
                                presence: "available" | "busy" | "away";
                                snoozed: number;
                                readonly teams: string[];
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Channel preference and switching (from -> to), merged customers as one
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Figures come from the analytics read models (packages/analytics/README.md defines each one).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then: only events recorded at or before it */
                    asOf?: string;
                    /** @description one customer (and whoever was merged into them) */
                    customer?: string;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            preference: {
                                channel: string;
                                contacts: number;
                                share: number;
                            }[];
                            preferredBy: {
                                channel: string;
                                customers: number;
                            }[];
                            switches: number;
                            transitions: {
                                count: number;
                                from: string;
                                to: string;
                            }[];
                        };
                        "text/csv": {
                            preference: {
                                channel: string;
                                contacts: number;
                                share: number;
                            }[];
                            preferredBy: {
                                channel: string;
                                customers: number;
                            }[];
                            switches: number;
                            transitions: {
                                count: number;
                                from: string;
                                to: string;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/cost-to-serve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cost to serve per customer (costliest first) or RFM segment: contacts per channel, handled time, cost, value
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Computed at query time from the commerce read model and the analytics facts (packages/analytics/README.md, "Customer value", defines each figure).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then (default now): orders placed and refunds made by then, facts recorded by then, merges as they stood then */
                    asOf?: string;
                    /** @description the nextCursor of the page before */
                    cursor?: string;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    groupBy?: "customer" | "segment";
                    limit?: number;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            currency: string;
                            customers?: {
                                contacts: {
                                    chat: number;
                                    email: number;
                                    generic: number;
                                    phone: number;
                                    social: number;
                                    webform: number;
                                };
                                /** @description in the answer’s currency */
                                cost: number;
                                /** @description cost / value; null when the value is not positive */
                                costToValue: number | null;
                                customerId: string;
                                handledSeconds: number;
                                name: string | null;
                                totalContacts: number;
                                /** @description ordered − refunded in the range */
                                value: number;
                            }[];
                            /** @enum {string} */
                            groupBy: "customer" | "segment";
                            nextCursor: string | null;
                            segments?: {
                                contacts: {
                                    chat: number;
                                    email: number;
                                    generic: number;
                                    phone: number;
                                    social: number;
                                    webform: number;
                                };
                                /** @description in the answer’s currency */
                                cost: number;
                                /** @description cost / value; null when the value is not positive */
                                costToValue: number | null;
                                customers: number;
                                handledSeconds: number;
                                segment: string;
                                totalContacts: number;
                                /** @description ordered − refunded in the range */
                                value: number;
                            }[];
                            totals: {
                                /** @description in the answer’s currency */
                                cost: number;
                                costToValue: number | null;
                                customers: number;
                                handledSeconds: number;
                                totalContacts: number;
                                /** @description in the answer’s currency */
                                value: number;
                            };
                        };
                        "text/csv": {
                            asOf: string;
                            currency: string;
                            customers?: {
                                contacts: {
                                    chat: number;
                                    email: number;
                                    generic: number;
                                    phone: number;
                                    social: number;
                                    webform: number;
                                };
                                /** @description in the answer’s currency */
                                cost: number;
                                /** @description cost / value; null when the value is not positive */
                                costToValue: number | null;
                                customerId: string;
                                handledSeconds: number;
                                name: string | null;
                                totalContacts: number;
                                /** @description ordered − refunded in the range */
                                value: number;
                            }[];
                            /** @enum {string} */
                            groupBy: "customer" | "segment";
                            nextCursor: string | null;
                            segments?: {
                                contacts: {
                                    chat: number;
                                    email: number;
                                    generic: number;
                                    phone: number;
                                    social: number;
                                    webform: number;
                                };
                                /** @description in the answer’s currency */
                                cost: number;
                                /** @description cost / value; null when the value is not positive */
                                costToValue: number | null;
                                customers: number;
                                handledSeconds: number;
                                segment: string;
                                totalContacts: number;
                                /** @description ordered − refunded in the range */
                                value: number;
                            }[];
                            totals: {
                                /** @description in the answer’s currency */
                                cost: number;
                                costToValue: number | null;
                                customers: number;
                                handledSeconds: number;
                                totalContacts: number;
                                /** @description in the answer’s currency */
                                value: number;
                            };
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CSAT: response rate, average, distribution, share of 4 and 5
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Figures come from the analytics read models (packages/analytics/README.md defines each one).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then: only events recorded at or before it */
                    asOf?: string;
                    channel?: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    groupBy?: "channel" | "team" | "agent";
                    /** @description a team id */
                    team?: string;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                average: number | null;
                                /** @description share of ratings of 4 or 5 */
                                csat: number | null;
                                /** @description how many ratings of 1, 2, 3, 4 and 5 */
                                distribution: number[];
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                rated: number;
                                requested: number;
                                responseRate: number | null;
                            }[];
                        };
                        "text/csv": {
                            rows: {
                                average: number | null;
                                /** @description share of ratings of 4 or 5 */
                                csat: number | null;
                                /** @description how many ratings of 1, 2, 3, 4 and 5 */
                                distribution: number[];
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                rated: number;
                                requested: number;
                                responseRate: number | null;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/customer-value": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customer lifetime value: historic and predictive (BG/NBD + Gamma–Gamma, fitted here), share-of-wallet tiers
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Computed at query time from the commerce read model and the analytics facts (packages/analytics/README.md, "Customer value", defines each figure).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the figures as they stood then (default now): orders placed and refunds made by then, facts recorded by then, merges as they stood then */
                    asOf?: string;
                    /** @description histogram bins */
                    bins?: number;
                    /** @description the currency measured (default: the one of HUB_ANALYTICS_CHANNEL_COSTS); others are not converted */
                    currency?: string;
                    /** @description discount rate per month (0.01 ≈ 12.7% a year) */
                    discount?: number;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    horizonMonths?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            currency: string;
                            customers: number;
                            historic: {
                                customers: number;
                                histogram: {
                                    customers: number;
                                    /** @description in the answer’s currency */
                                    from: number;
                                    /** @description in the answer’s currency */
                                    to: number;
                                }[];
                                mean: number | null;
                                percentiles: {
                                    p10: number | null;
                                    p25: number | null;
                                    p50: number | null;
                                    p75: number | null;
                                    p90: number | null;
                                    p99: number | null;
                                };
                                /** @description in the answer’s currency */
                                total: number;
                            };
                            predictive: {
                                customers: number;
                                fit: {
                                    bgNbd?: {
                                        /** @description null in the limits (a, b → ∞) */
                                        a: number | null;
                                        alpha: number;
                                        b: number | null;
                                        converged: boolean;
                                        customers: number;
                                        /** @description the limits’ drop-out probability q (0: nbd); null for bg-nbd */
                                        dropout: number | null;
                                        logLikelihood: number;
                                        /**
                                         * @description bg-nbd: drop-out probability ~ Beta(a, b); where the likelihood runs to a, b → ∞ its limit is fitted instead: fixed-dropout (one drop-out probability for all) or nbd (nobody drops out)
                                         * @enum {string}
                                         */
                                        model: "bg-nbd" | "fixed-dropout" | "nbd";
                                        r: number;
                                    };
                                    /** @description the models are fitted on the history as of 00:00 UTC of the as-of day */
                                    dataAsOf: string;
                                    gammaGamma?: {
                                        converged: boolean;
                                        customers: number;
                                        logLikelihood: number;
                                        p: number;
                                        q: number;
                                        v: number;
                                    };
                                    /** @description why there is no fit: too-few-customers, too-few-repeat-customers, spend-model-unbounded, fit-degenerate (packages/analytics/README.md) */
                                    reason?: string;
                                    /** @enum {string} */
                                    status: "fitted" | "insufficient-data";
                                };
                                histogram: {
                                    customers: number;
                                    /** @description in the answer’s currency */
                                    from: number;
                                    /** @description in the answer’s currency */
                                    to: number;
                                }[];
                                horizonMonths: number;
                                mean: number | null;
                                monthlyDiscountRate: number;
                                percentiles: {
                                    p10: number | null;
                                    p25: number | null;
                                    p50: number | null;
                                    p75: number | null;
                                    p90: number | null;
                                    p99: number | null;
                                };
                                probabilityAliveMean: number | null;
                                /** @description in the answer’s currency */
                                total: number;
                            };
                            tiers: {
                                customers: number;
                                /** @description predictive CLV */
                                potential: number;
                                /** @enum {string} */
                                tier: "invest-high" | "invest-medium" | "invest-none";
                                /** @description in the answer’s currency */
                                value: number;
                            }[];
                        };
                        "text/csv": {
                            asOf: string;
                            currency: string;
                            customers: number;
                            historic: {
                                customers: number;
                                histogram: {
                                    customers: number;
                                    /** @description in the answer’s currency */
                                    from: number;
                                    /** @description in the answer’s currency */
                                    to: number;
                                }[];
                                mean: number | null;
                                percentiles: {
                                    p10: number | null;
                                    p25: number | null;
                                    p50: number | null;
                                    p75: number | null;
                                    p90: number | null;
                                    p99: number | null;
                                };
                                /** @description in the answer’s currency */
                                total: number;
                            };
                            predictive: {
                                customers: number;
                                fit: {
                                    bgNbd?: {
                                        /** @description null in the limits (a, b → ∞) */
                                        a: number | null;
                                        alpha: number;
                                        b: number | null;
                                        converged: boolean;
                                        customers: number;
                                        /** @description the limits’ drop-out probability q (0: nbd); null for bg-nbd */
                                        dropout: number | null;
                                        logLikelihood: number;
                                        /**
                                         * @description bg-nbd: drop-out probability ~ Beta(a, b); where the likelihood runs to a, b → ∞ its limit is fitted instead: fixed-dropout (one drop-out probability for all) or nbd (nobody drops out)
                                         * @enum {string}
                                         */
                                        model: "bg-nbd" | "fixed-dropout" | "nbd";
                                        r: number;
                                    };
                                    /** @description the models are fitted on the history as of 00:00 UTC of the as-of day */
                                    dataAsOf: string;
                                    gammaGamma?: {
                                        converged: boolean;
                                        customers: number;
                                        logLikelihood: number;
                                        p: number;
                                        q: number;
                                        v: number;
                                    };
                                    /** @description why there is no fit: too-few-customers, too-few-repeat-customers, spend-model-unbounded, fit-degenerate (packages/analytics/README.md) */
                                    reason?: string;
                                    /** @enum {string} */
                                    status: "fitted" | "insufficient-data";
                                };
                                histogram: {
                                    customers: number;
                                    /** @description in the answer’s currency */
                                    from: number;
                                    /** @description in the answer’s currency */
                                    to: number;
                                }[];
                                horizonMonths: number;
                                mean: number | null;
                                monthlyDiscountRate: number;
                                percentiles: {
                                    p10: number | null;
                                    p25: number | null;
                                    p50: number | null;
                                    p75: number | null;
                                    p90: number | null;
                                    p99: number | null;
                                };
                                probabilityAliveMean: number | null;
                                /** @description in the answer’s currency */
                                total: number;
                            };
                            tiers: {
                                customers: number;
                                /** @description predictive CLV */
                                potential: number;
                                /** @enum {string} */
                                tier: "invest-high" | "invest-medium" | "invest-none";
                                /** @description in the answer’s currency */
                                value: number;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/product-affinity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Products bought together (support, confidence, lift) and similar by customers (cosine)
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Computed at query time from the commerce read model and the analytics facts (packages/analytics/README.md, "Customer value", defines each figure).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then (default now): orders placed and refunds made by then, facts recorded by then, merges as they stood then */
                    asOf?: string;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    limit?: number;
                    /** @description least share of orders holding a pair */
                    minSupport?: number;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            boughtTogether: {
                                confidenceAToB: number;
                                confidenceBToA: number;
                                cosine: number;
                                customers: number;
                                lift: number;
                                orders: number;
                                productA: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                productB: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                support: number;
                            }[];
                            customers: number;
                            orders: number;
                            products: number;
                            similar: {
                                confidenceAToB: number;
                                confidenceBToA: number;
                                cosine: number;
                                customers: number;
                                lift: number;
                                orders: number;
                                productA: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                productB: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                support: number;
                            }[];
                        };
                        "text/csv": {
                            asOf: string;
                            boughtTogether: {
                                confidenceAToB: number;
                                confidenceBToA: number;
                                cosine: number;
                                customers: number;
                                lift: number;
                                orders: number;
                                productA: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                productB: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                support: number;
                            }[];
                            customers: number;
                            orders: number;
                            products: number;
                            similar: {
                                confidenceAToB: number;
                                confidenceBToA: number;
                                cosine: number;
                                customers: number;
                                lift: number;
                                orders: number;
                                productA: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                productB: {
                                    category: string | null;
                                    name: string | null;
                                    productId: string;
                                };
                                support: number;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/response-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * First-response, next-response or resolution times: p50, p90, p99 (seconds), calendar or business hours
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Figures come from the analytics read models (packages/analytics/README.md defines each one).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then: only events recorded at or before it */
                    asOf?: string;
                    channel?: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    groupBy?: "channel" | "team" | "agent";
                    hours?: "calendar" | "business";
                    metric?: "first" | "next" | "resolution";
                    /** @description a team id */
                    team?: string;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                average: number | null;
                                count: number;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                p50: number | null;
                                p90: number | null;
                                p99: number | null;
                            }[];
                            /** @enum {string} */
                            unit: "seconds";
                        };
                        "text/csv": {
                            rows: {
                                average: number | null;
                                count: number;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                p50: number | null;
                                p90: number | null;
                                p99: number | null;
                            }[];
                            /** @enum {string} */
                            unit: "seconds";
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * RFM segments: customers, net revenue and average value per segment
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Computed at query time from the commerce read model and the analytics facts (packages/analytics/README.md, "Customer value", defines each figure).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the figures as they stood then (default now): orders placed and refunds made by then, facts recorded by then, merges as they stood then */
                    asOf?: string;
                    /** @description the currency measured (default: the one of HUB_ANALYTICS_CHANNEL_COSTS); others are not converted */
                    currency?: string;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            currency: string;
                            customers: number;
                            segments: {
                                averageValue: number | null;
                                customers: number;
                                /** @description in the answer’s currency */
                                revenue: number;
                                /** @enum {string} */
                                segment: "champions" | "loyal-customers" | "potential-loyalists" | "new-customers" | "promising" | "need-attention" | "about-to-sleep" | "at-risk" | "cant-lose-them" | "hibernating" | "lost";
                                share: number;
                            }[];
                        };
                        "text/csv": {
                            asOf: string;
                            currency: string;
                            customers: number;
                            segments: {
                                averageValue: number | null;
                                customers: number;
                                /** @description in the answer’s currency */
                                revenue: number;
                                /** @enum {string} */
                                segment: "champions" | "loyal-customers" | "potential-loyalists" | "new-customers" | "promising" | "need-attention" | "about-to-sleep" | "at-risk" | "cant-lose-them" | "hibernating" | "lost";
                                share: number;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/segments/{segment}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A segment's customers, highest value first: RFM scores, value, share-of-wallet tier
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Computed at query time from the commerce read model and the analytics facts (packages/analytics/README.md, "Customer value", defines each figure).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the figures as they stood then (default now): orders placed and refunds made by then, facts recorded by then, merges as they stood then */
                    asOf?: string;
                    /** @description the currency measured (default: the one of HUB_ANALYTICS_CHANNEL_COSTS); others are not converted */
                    currency?: string;
                    /** @description the nextCursor of the page before */
                    cursor?: string;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    limit?: number;
                };
                header?: never;
                path: {
                    segment: "champions" | "loyal-customers" | "potential-loyalists" | "new-customers" | "promising" | "need-attention" | "about-to-sleep" | "at-risk" | "cant-lose-them" | "hibernating" | "lost";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            currency: string;
                            customers: {
                                code: string;
                                customerId: string;
                                frequency: number;
                                frequencyScore: number;
                                /** @description in the answer’s currency */
                                monetary: number;
                                monetaryScore: number;
                                /** @description as agents see it (a merged customer’s is its survivor’s) */
                                name: string | null;
                                recencyDays: number;
                                recencyScore: number;
                                /** @description null while the value models cannot be fitted */
                                tier: ("invest-high" | "invest-medium" | "invest-none") | null;
                                tierReason: string | null;
                                /** @description in the answer’s currency */
                                value: number;
                            }[];
                            nextCursor: string | null;
                            /** @enum {string} */
                            segment: "champions" | "loyal-customers" | "potential-loyalists" | "new-customers" | "promising" | "need-attention" | "about-to-sleep" | "at-risk" | "cant-lose-them" | "hibernating" | "lost";
                        };
                        "text/csv": {
                            asOf: string;
                            currency: string;
                            customers: {
                                code: string;
                                customerId: string;
                                frequency: number;
                                frequencyScore: number;
                                /** @description in the answer’s currency */
                                monetary: number;
                                monetaryScore: number;
                                /** @description as agents see it (a merged customer’s is its survivor’s) */
                                name: string | null;
                                recencyDays: number;
                                recencyScore: number;
                                /** @description null while the value models cannot be fitted */
                                tier: ("invest-high" | "invest-medium" | "invest-none") | null;
                                tierReason: string | null;
                                /** @description in the answer’s currency */
                                value: number;
                            }[];
                            nextCursor: string | null;
                            /** @enum {string} */
                            segment: "champions" | "loyal-customers" | "potential-loyalists" | "new-customers" | "promising" | "need-attention" | "about-to-sleep" | "at-risk" | "cant-lose-them" | "hibernating" | "lost";
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * SLA targets met and breached, per target
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Figures come from the analytics read models (packages/analytics/README.md defines each one).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then: only events recorded at or before it */
                    asOf?: string;
                    channel?: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    groupBy?: "channel" | "team" | "agent";
                    /** @description a team id */
                    team?: string;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                breached: number;
                                compliance: number | null;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                met: number;
                                target: string;
                            }[];
                        };
                        "text/csv": {
                            rows: {
                                breached: number;
                                compliance: number | null;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                met: number;
                                target: string;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/social": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Social comments and messages per period, per network and topic
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Figures come from the analytics read models (packages/analytics/README.md defines each one).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then: only events recorded at or before it */
                    asOf?: string;
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    granularity?: "hour" | "day" | "week";
                    groupBy?: "network" | "kind" | "topic";
                    network?: "facebook" | "instagram" | "erased";
                    /** @description the clock hours, days and weeks (from Monday) are cut on */
                    timeZone?: string;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                bucket: string;
                                comments: number;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                messages: number;
                                network: string;
                            }[];
                        };
                        "text/csv": {
                            rows: {
                                bucket: string;
                                comments: number;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                                messages: number;
                                network: string;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/volumes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactions per hour, day or week, by channel, direction, inbox, team or agent
         * @description Analysts, supervisors and admins (reports:read). `format=csv` answers the same figures as text/csv. Figures come from the analytics read models (packages/analytics/README.md defines each one).
         */
        get: {
            parameters: {
                query: {
                    /** @description the figures as they stood then: only events recorded at or before it */
                    asOf?: string;
                    channel?: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                    direction?: "inbound" | "outbound";
                    /** @description `csv` answers text/csv, one row per line */
                    format?: "json" | "csv";
                    /** @description start of the range (included), an ISO 8601 instant */
                    from: string;
                    granularity?: "hour" | "day" | "week";
                    groupBy?: "channel" | "direction" | "inbox" | "team" | "agent";
                    /** @description a team id */
                    team?: string;
                    /** @description the clock hours, days and weeks (from Monday) are cut on */
                    timeZone?: string;
                    /** @description end of the range (excluded) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                bucket: string;
                                interactions: number;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                            }[];
                        };
                        "text/csv": {
                            rows: {
                                bucket: string;
                                interactions: number;
                                /** @description the group (channel, team id, agent id, ...); null when not grouped */
                                key: string | null;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens for integrations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: components["schemas"]["ApiToken"][];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** A new API token, shown once (stored hashed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "agent" | "supervisor" | "analyst" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            name: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            role: "agent" | "supervisor" | "analyst" | "admin";
                            token: string;
                            tokenId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file for an email reply: the raw bytes with their Content-Type (listed types only) */
        post: {
            parameters: {
                query: {
                    filename: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the file itself, at most HUB_REPLY_ATTACHMENT_MAX_BYTES */
            requestBody: {
                content: {
                    "application/msword": string;
                    "application/pdf": string;
                    "application/vnd.ms-excel": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                    "application/zip": string;
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                    "text/csv": string;
                    "text/plain": string;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contentType: string;
                            filename: string;
                            /** @description the file's sha256: name it in a reply's attachments */
                            id: string;
                            sizeBytes: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who did what, newest first: an agent's actions (actor, `me`), a conversation's or a customer's
         * @description Supervisors and admins (audit:read) read everyone's trail; every user reads their own.
         */
        get: {
            parameters: {
                query?: {
                    actor?: string;
                    conversation?: string;
                    cursor?: string;
                    customer?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readonly entries: {
                                actor: {
                                    id: string;
                                    /** @enum {string} */
                                    kind: "user" | "system";
                                };
                                conversationId: string | null;
                                customerId: string | null;
                                details: {
                                    [key: string]: unknown;
                                };
                                eventType: string;
                                recordedAt: string;
                                revision: number;
                                streamId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: unknown;
                            user: components["schemas"]["User"];
                        } | {
                            actor: unknown;
                            /** @enum {string} */
                            role: "agent" | "supervisor" | "analyst" | "admin";
                            tokenId: string;
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password sign-in: a session token and an HttpOnly session cookie; 5 failures in 15 min: 429 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description a session token: Authorization: Bearer <token> (also set as a cookie) */
                            token: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/canned-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The canned responses every agent may use */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readonly cannedResponses: {
                                cannedResponseId: string;
                                shortcut: string;
                                /** @description the template; {{customer.name}}, {{agent.name}}, {{conversation.*}} */
                                text: string;
                                title: string;
                            }[];
                            revision: number;
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a canned response (canned-responses:manage); its shortcut is unique whatever its case */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        shortcut: string;
                        text: string;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedResponseId: string;
                            revision: number;
                            shortcut: string;
                            /** @description the template; {{customer.name}}, {{agent.name}}, {{conversation.*}} */
                            text: string;
                            title: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/canned-responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a canned response (canned-responses:manage) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        shortcut: string;
                        text: string;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedResponseId: string;
                            changed: boolean;
                            revision: number;
                            shortcut: string;
                            /** @description the template; {{customer.name}}, {{agent.name}}, {{conversation.*}} */
                            text: string;
                            title: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a canned response (canned-responses:manage) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedResponseId: string;
                            changed: boolean;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/canned-responses/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A canned response filled in for a conversation and this agent, as the customer would read it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        cannedResponseId: string;
                        /** Format: uuid */
                        conversationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedResponseId: string;
                            html: string;
                            text: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases, filtered (owner=me is the viewer; a customer includes everyone merged into it) */
        get: {
            parameters: {
                query?: {
                    conversation?: string;
                    cursor?: string;
                    customer?: string;
                    kind?: "information-request" | "complaint" | "return";
                    limit?: number;
                    owner?: string;
                    status?: "new" | "answered" | "investigating" | "resolved" | "rejected" | "requested" | "approved" | "refused" | "item-received" | "refunded" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cases: components["schemas"]["CaseListItem"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Open a case for a customer (a merged one's goes to its survivor), with its number */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        conversationIds?: string[];
                        /** Format: uuid */
                        customerId: string;
                        /** @default null */
                        description?: string | null;
                        /** @enum {string} */
                        kind: "information-request" | "complaint" | "return";
                        /** @default null */
                        orderReference?: string | null;
                        ownerId?: string | null;
                        subject: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            kind: string;
                            number: string;
                            ownerId: string | null;
                            revision: number;
                            status: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link one of the customer's conversations */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            changed: boolean;
                            revision: number;
                            status: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a conversation */
        delete: {
            parameters: {
                query: {
                    revision: number;
                };
                header?: never;
                path: {
                    conversationId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            changed: boolean;
                            revision: number;
                            status: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An internal note on the case */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        revision: number;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            changed: boolean;
                            noteId: string;
                            revision: number;
                            status: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/owner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the case to an active user, or to nobody */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ownerId: string | null;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            changed: boolean;
                            revision: number;
                            status: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the status */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        reason?: string | null;
                        revision: number;
                        /** @enum {string} */
                        status: "new" | "answered" | "investigating" | "resolved" | "rejected" | "requested" | "approved" | "refused" | "item-received" | "refunded" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            changed: boolean;
                            revision: number;
                            status: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case by id or number (C-2026-000042), with its history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            conversationIds: string[];
                            /** @description the linked conversations as the inbox shows them, in the order linked */
                            conversations: {
                                channel: string;
                                id: string;
                                status: string;
                                subject: string | null;
                            }[];
                            customerId: string;
                            /** @description the customer's name (null when unknown) */
                            customerName: string | null;
                            description: string | null;
                            id: string;
                            items: {
                                actor: unknown;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                                revision: number;
                            }[];
                            kind: string;
                            /** @description the statuses its kind's lifecycle allows next (none when closed) */
                            nextStatuses: string[];
                            /** @description C-2026-000042 */
                            number: string;
                            openedAt: string;
                            orderReference: string | null;
                            ownerId: string | null;
                            /** @description send it back as the revision you saw with any change */
                            revision: number;
                            status: string;
                            subject: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/chat/telegram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Telegram Bot API Update (webhook); off (404) until TELEGRAM_SECRET_TOKEN is set */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description a Telegram Update; an unreadable one is kept as a parse failure */
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IntakeReceipt"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/chat/widget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The website chat: a WebSocket (Upgrade) speaking the widget protocol
         * @description JSON text frames as in services/ingest-gateway/src/widget/widget-protocol.ts. Origins are checked before the upgrade (403); a plain GET without Upgrade answers 400.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description switched to WebSocket */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/chat/widget.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The embeddable chat widget script */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/javascript": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/chat/widget/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A demo page with the widget */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A raw RFC 5322 message (what an MTA pipe or a provider inbound hook posts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the message as received, headers and body */
            requestBody: {
                content: {
                    "message/rfc822": string;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            interactionId: string;
                            readonly interactionIds: string[];
                            /** @description sha256 of the body as received (the raw payload kept) */
                            rawPayloadId?: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/phone/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A JSON call log: one call or { "calls": [...] } */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description one call or a batch of the generic call log */
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IntakeReceipt"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/phone/cdr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An Asterisk CDR file (cdr_csv or cdr_custom): every row recorded, skipped or kept as a parse failure */
        post: {
            parameters: {
                query?: {
                    /** @description overrides HUB_CDR_COLUMNS */
                    layout?: "cdr_csv" | "cdr_custom";
                    pbx?: string;
                    /** @description the switch's clock, an IANA zone */
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the CDR file as the switch wrote it */
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            readonly interactionIds: string[];
                            /** @description sha256 of the body as received (the raw payload kept) */
                            rawPayloadId?: string;
                            rows: {
                                interactionId?: string;
                                line: number;
                                /** @enum {string} */
                                outcome: "recorded" | "skipped-internal" | "failed";
                                parseFailureId?: string;
                                reason?: string;
                            }[];
                            totals: {
                                failed: number;
                                recorded: number;
                                rows: number;
                                skippedInternal: number;
                            };
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/phone/twilio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Twilio Voice status callback; off (404) until TWILIO_AUTH_TOKEN is set */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Twilio's status callback parameters, form-encoded (the signature covers them) */
            requestBody: {
                content: {
                    "application/x-www-form-urlencoded": string;
                };
            };
            responses: {
                /** @description recorded (or not a final status) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/social/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Meta's subscription handshake; off (404) until META_VERIFY_TOKEN is set */
        get: {
            parameters: {
                query?: {
                    /** @description echoed as text/plain */
                    "hub.challenge"?: string;
                    /** @description subscribe */
                    "hub.mode"?: string;
                    /** @description META_VERIFY_TOKEN */
                    "hub.verify_token"?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description hub.challenge */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Page feed comments, Messenger and Instagram (signed); off (404) until META_APP_SECRET is set */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description a Meta webhook notification; the signature is over these exact bytes */
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IntakeReceipt"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/webform/{formId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A plain HTML form post (urlencoded, multipart with files) or JSON, for a declared form */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1 to 200 visible ASCII characters */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @description a form declared in HUB_WEBFORMS */
                    formId: string;
                };
                cookie?: never;
            };
            /** @description the form's fields (and files), read by the handler against the form's declaration */
            requestBody: {
                content: {
                    "application/json": string;
                    "application/x-www-form-urlencoded": string;
                    "multipart/form-data": string;
                };
            };
            responses: {
                /** @description recorded: JSON for scripts, a thank-you page for browsers */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IntakeReceipt"];
                        "text/html": string;
                    };
                };
                /** @description recorded; a browser goes to the form's thank-you URL */
                303: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/colleagues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Colleagues: active users with the handle notes mention them by (@handle) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            colleagues: {
                                displayName: string;
                                handle: string;
                                /** @enum {string} */
                                role: "agent" | "supervisor" | "analyst" | "admin";
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation: messages, notes and changes inline, in order; replies with their delivery; with asOf, as it stood then */
        get: {
            parameters: {
                query?: {
                    /** @description time travel: the view as it stood at this instant (ISO 8601 with offset; not in the future), merges, unmerges and changes after it left out; erased data stays erased */
                    asOf?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeId: string | null;
                            channel: string;
                            csatRating: number | null;
                            customerId: string;
                            firstResponseAt: string | null;
                            id: string;
                            inboxId: string;
                            items: {
                                actor: unknown;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** @description our replies: queued, sending, sent or failed with the provider reason */
                                delivery?: {
                                    attempts: number;
                                    outcomeUnknown: boolean;
                                    providerCode: string | null;
                                    reason: string | null;
                                    retryAt: string | null;
                                    /** @enum {string} */
                                    status: "queued" | "sending" | "sent" | "failed";
                                };
                                interactionId: string | null;
                                kind: string;
                                message?: {
                                    details: unknown;
                                    direction: string;
                                    html: string | null;
                                    summary: string;
                                    text: string;
                                };
                                /** @description our replies: the words and files sent */
                                reply?: {
                                    readonly attachments: {
                                        filename: string;
                                        id: string;
                                    }[];
                                    channel: string;
                                    delivery: {
                                        attempts: number;
                                        outcomeUnknown: boolean;
                                        providerCode: string | null;
                                        reason: string | null;
                                        retryAt: string | null;
                                        /** @enum {string} */
                                        status: "queued" | "sending" | "sent" | "failed";
                                    };
                                    replyId: string;
                                    text: string;
                                };
                                revision: number;
                            }[];
                            labels: string[];
                            lastActivityAt: string;
                            messageCount: number;
                            openedAt: string;
                            priority: string;
                            /** @description send it back as the revision you saw with any change */
                            revision: number;
                            sla: {
                                dueAt: string | null;
                                state: string | null;
                            };
                            snoozedUntil: string | null;
                            status: string;
                            subject: string | null;
                            teamId: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign to an agent and/or a team (another agent: conversations:assign-others) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentId: string | null;
                        revision: number;
                        /** @default null */
                        teamId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a label */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/labels/{label}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a label */
        delete: {
            parameters: {
                query: {
                    revision: number;
                };
                header?: never;
                path: {
                    id: string;
                    label: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An internal note; @name mentions a colleague */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        revision?: number;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            noteId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/priority": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the priority */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        priority: "none" | "low" | "medium" | "high" | "urgent";
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A reply on the channel of the customer's last message, sent by the outbox */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        attachments?: {
                            filename: string;
                            id: string;
                        }[];
                        /** Format: uuid */
                        cannedResponseId?: string;
                        /**
                         * @description another way to reach the customer, from GET /v1/conversations/{id}/reply-options (default: the first)
                         * @enum {string}
                         */
                        channel?: "email" | "telegram" | "messenger" | "page_comment" | "instagram_comment" | "widget" | "phone";
                        /** @default null */
                        html?: string | null;
                        revision?: number;
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            channel: string;
                            conversationId: string;
                            replyId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/reply-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a reply can reach the customer: the channel of their last message here first, then their other chats and email */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                /** @enum {string} */
                                channel: "email" | "telegram" | "messenger" | "page_comment" | "instagram_comment" | "widget" | "phone";
                                default: boolean;
                                /** @description the address, chat or number the reply goes to */
                                recipient: string;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Snoozed until a time, then open again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        reason?: string | null;
                        revision: number;
                        /** Format: date-time */
                        until: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open, pending or resolved */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        reason?: string | null;
                        revision: number;
                        /** @enum {string} */
                        status: "open" | "pending" | "resolved";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            conversationId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/csat/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rating link sent on resolve: a form (public, signed link, rate-limited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description LINK_EXPIRED: a signed link past its expiry */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Record the customer’s rating, once (a form post or JSON) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        comment?: string | null;
                        rating: number;
                    };
                    "application/x-www-form-urlencoded": {
                        /** @default null */
                        comment?: string | null;
                        rating: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversationId: string;
                            rating: number;
                            revision: number;
                        } | string;
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description LINK_EXPIRED: a signed link past its expiry */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description RATE_LIMITED (retry-after says when) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search names, emails, phones and handles: exact, then prefix, then similar (spelling folded) */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description a name, email, phone (any written form, or its last 7+ digits) or handle */
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                id: string;
                                /**
                                 * @description how the best term of this customer matched
                                 * @enum {string}
                                 */
                                match: "exact" | "prefix" | "similar";
                                mergedInto?: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer, its identifiers and its stream's revision (also the ETag); with asOf, as it stood then */
        get: {
            parameters: {
                query?: {
                    /** @description time travel: the view as it stood at this instant (ISO 8601 with offset; not in the future), merges, unmerges and changes after it left out; erased data stays erased */
                    asOf?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            mergedInto?: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Erasure of the customer and everyone merged with it (crypto-shredding) */
        delete: {
            parameters: {
                query?: {
                    agentId?: string;
                    reason?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description { erasedIds, attachments, parseFailures, deadLetters } */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            erasedIds: string[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's own data as one JSON document (a data-protection request): identifiers, interactions, conversations with notes, cases, CSAT, orders; everyone merged into it included */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubjectAccessDocument"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge another customer into this one (expectedRevision or If-Match; stale: 409) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default agent */
                        agentId?: string;
                        expectedRevision?: number;
                        /** Format: uuid */
                        mergedId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mergedId: string;
                            revision: number;
                            survivorId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/merges/{mergedId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Undo a merge: identifiers and interactions go back (expectedRevision or If-Match; stale: 409) */
        delete: {
            parameters: {
                query?: {
                    agentId?: string;
                    expectedRevision?: number;
                    reason?: string;
                };
                header?: {
                    "if-match"?: string;
                };
                path: {
                    id: string;
                    mergedId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            restoredId: string;
                            revision: number;
                            survivorId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer at a glance: identifiers, channels, last contact, open conversations and cases, merges and merge candidates; with asOf, as it stood then */
        get: {
            parameters: {
                query?: {
                    /** @description time travel: the view as it stood at this instant (ISO 8601 with offset; not in the future), merges, unmerges and changes after it left out; erased data stays erased */
                    asOf?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                channel: string;
                                interactions: number;
                                lastAt: string;
                            }[];
                            customerId: string;
                            displayName: string | null;
                            identifiers: {
                                kind: string;
                                value: string;
                            }[];
                            lastContact: {
                                at: string;
                                channel: string;
                                direction: string;
                            } | null;
                            /** @description customers who may be this person, with the interactions that brought them together */
                            mergeCandidates: {
                                customerId: string;
                                displayName: string | null;
                                evidence: {
                                    channel: string | null;
                                    detectedAt: string;
                                    interactionId: string;
                                    summary: string | null;
                                }[];
                                identifiers: {
                                    kind: string;
                                    value: string;
                                }[];
                            }[];
                            /** @description customers merged into this one: DELETE /v1/customers/{id}/merges/{mergedId} gives one back */
                            merged: {
                                customerId: string;
                                displayName: string | null;
                            }[];
                            /** @description customers merged into this one, shown here too */
                            mergedIds: string[];
                            openCases: components["schemas"]["CaseSummary"][];
                            openConversations: {
                                assigneeId: string | null;
                                channel: string;
                                id: string;
                                lastActivityAt: string;
                                status: string;
                                subject: string | null;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every interaction across channels, newest first; with asOf, those that were the customer’s then */
        get: {
            parameters: {
                query?: {
                    /** @description time travel: the view as it stood at this instant (ISO 8601 with offset; not in the future), merges, unmerges and changes after it left out; erased data stays erased */
                    asOf?: string;
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: string;
                            /** @description interactions across channels, newest first */
                            entries: {
                                channel: string;
                                contact: {
                                    kind: string;
                                    value: string;
                                };
                                conversationId: string;
                                details: unknown;
                                direction: string;
                                html: string | null;
                                interactionId: string;
                                occurredAt: string;
                                summary: string;
                                text: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer owning an identifier (exactly one of email, phone, handle) */
        get: {
            parameters: {
                query?: {
                    email?: string;
                    handle?: string;
                    phone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversations, filtered and sorted (by last activity or SLA due) */
        get: {
            parameters: {
                query?: {
                    assignee?: string;
                    channel?: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                    cursor?: string;
                    customer?: string;
                    inbox?: string;
                    label?: string;
                    limit?: number;
                    sla?: "ok" | "due-soon" | "breached";
                    sort?: "last-activity" | "sla-due";
                    status?: "open" | "pending" | "snoozed" | "resolved" | "all";
                    team?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: components["schemas"]["InboxListItem"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The numbers beside the filters */
        get: {
            parameters: {
                query?: {
                    team?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            breached: number;
                            mine: number;
                            open: number;
                            pending: number;
                            snoozed: number;
                            unassigned: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inboxes: the channel or endpoints each covers and the team it routes to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inboxes: {
                                /** @enum {string} */
                                channel: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                                readonly endpoints: string[];
                                inboxId: string;
                                name: string;
                                /** @description send it back as the revision you saw with any change */
                                revision: number;
                                teamId: string | null;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an inbox for a channel or some of its endpoints (routing:manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                        /** @default [] */
                        endpoints?: string[];
                        name: string;
                        /** @default null */
                        teamId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inboxId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inboxes/{id}/team": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change an inbox's team, or none (routing:manage) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        revision: number;
                        teamId: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            inboxId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Our normalised interaction JSON, one or { "interactions": [...] } (up to 1,000)
         * @description Identifiers are normalised as lookups normalise them: email trimmed, case-folded and validated; phone to E.164 (digits in any script, national numbers in HUB_PHONE_REGION); handle `<network>:<id>`. One that does not normalise is a 400 naming its field (`interactions.2.contact.identifiers.1.value`) and refuses the whole body, as any invalid item does: nothing of it is recorded.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description one interaction or a batch */
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                        contact: {
                            displayName: string | null;
                            identifiers: {
                                /** @enum {string} */
                                kind: "email" | "phone" | "handle";
                                value: string;
                            }[];
                            unverifiedClaim?: boolean;
                        };
                        details: {
                            attachments: {
                                contentType: string;
                                fileName: string | null;
                                sha256: string;
                                sizeBytes: number;
                            }[];
                            /** @default [] */
                            attachmentsNotStored?: string[];
                            autoReply: boolean;
                            bounce: boolean;
                            /** @default [] */
                            bouncedRecipients?: string[];
                            /** @default [] */
                            cc?: string[];
                            /** @enum {string} */
                            channel: "email";
                            /** @default [] */
                            defects?: string[];
                            from: string;
                            inReplyTo: string | null;
                            messageId: string | null;
                            references: string[];
                            subject: string;
                            to: string[];
                        } | {
                            attachments: {
                                contentType: string;
                                fileName: string | null;
                                sha256: string;
                                sizeBytes: number;
                            }[];
                            /** @enum {string} */
                            channel: "webform";
                            fields: {
                                [key: string]: string | string[];
                            };
                            formId: string;
                            /** @default null */
                            pageUrl?: string | null;
                            /** @default null */
                            submissionKey?: string | null;
                            /** @default null */
                            userAgent?: string | null;
                        } | {
                            /** @default null */
                            accountId?: string | null;
                            agentExtension: string | null;
                            /** @default null */
                            answeredAt?: string | null;
                            /** @default null */
                            answeredBy?: string | null;
                            /** @default null */
                            businessNumber?: string | null;
                            callId: string;
                            /** @enum {string} */
                            channel: "phone";
                            /** @default null */
                            customerNumber?: string | null;
                            durationSeconds: number;
                            /** @default null */
                            endedAt?: string | null;
                            from: string;
                            /** @enum {string} */
                            outcome: "answered" | "missed" | "voicemail" | "busy" | "failed";
                            /** @default null */
                            parentCallId?: string | null;
                            /** @default null */
                            providerStatus?: string | null;
                            recordingUrl: string | null;
                            /** @enum {string} */
                            source: "twilio" | "asterisk-cdr" | "generic";
                            /** @default null */
                            startedAt?: string | null;
                            /** @default null */
                            talkSeconds?: number | null;
                            to: string;
                        } | {
                            /** @enum {string} */
                            channel: "chat";
                            chatId: string;
                            /** @default null */
                            chatTitle?: string | null;
                            /** @default null */
                            chatType?: string | null;
                            /** @default null */
                            editOf?: string | null;
                            /** @default null */
                            identityClaim?: {
                                email: string | null;
                                name: string | null;
                                phone: string | null;
                                /** @default false */
                                verified?: boolean;
                            } | null;
                            /** @default [] */
                            media?: {
                                fileId: string | null;
                                fileName: string | null;
                                kind: string;
                                mimeType: string | null;
                                sizeBytes: number | null;
                                url: string | null;
                            }[];
                            messageId: string;
                            /** @default null */
                            pageUrl?: string | null;
                            /** @enum {string} */
                            platform: "widget" | "telegram";
                            /** @default null */
                            replyToMessageId?: string | null;
                            /** @default null */
                            senderName?: string | null;
                            /** @default null */
                            sharedContact?: {
                                name: string;
                                phone: string;
                                userId: string | null;
                            } | null;
                            /** @default null */
                            username?: string | null;
                        } | {
                            /** @enum {string} */
                            channel: "social";
                            /** @default null */
                            editOf?: string | null;
                            /** @default [] */
                            media?: {
                                fileId: string | null;
                                fileName: string | null;
                                kind: string;
                                mimeType: string | null;
                                sizeBytes: number | null;
                                url: string | null;
                            }[];
                            objectId: string;
                            /** @default null */
                            pageId?: string | null;
                            parentId: string | null;
                            /** @default null */
                            permalink?: string | null;
                            /** @enum {string} */
                            platform: "facebook-feed" | "messenger" | "instagram" | "instagram-direct";
                            /** @default null */
                            postId?: string | null;
                            /** @default null */
                            senderName?: string | null;
                            /** @default null */
                            username?: string | null;
                            /** @default null */
                            verb?: ("add" | "edited" | "remove") | null;
                        } | {
                            attributes: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            channel: "generic";
                            externalId: string;
                            system: string;
                        };
                        /** @enum {string} */
                        direction: "inbound" | "outbound";
                        html: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: date-time */
                        occurredAt: string;
                        source: {
                            externalId: string;
                            system: string;
                        };
                        summary: string;
                        text: string;
                        threadKey: string;
                    } | {
                        interactions: {
                            /** @enum {string} */
                            channel: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                            contact: {
                                displayName: string | null;
                                identifiers: {
                                    /** @enum {string} */
                                    kind: "email" | "phone" | "handle";
                                    value: string;
                                }[];
                                unverifiedClaim?: boolean;
                            };
                            details: {
                                attachments: {
                                    contentType: string;
                                    fileName: string | null;
                                    sha256: string;
                                    sizeBytes: number;
                                }[];
                                /** @default [] */
                                attachmentsNotStored?: string[];
                                autoReply: boolean;
                                bounce: boolean;
                                /** @default [] */
                                bouncedRecipients?: string[];
                                /** @default [] */
                                cc?: string[];
                                /** @enum {string} */
                                channel: "email";
                                /** @default [] */
                                defects?: string[];
                                from: string;
                                inReplyTo: string | null;
                                messageId: string | null;
                                references: string[];
                                subject: string;
                                to: string[];
                            } | {
                                attachments: {
                                    contentType: string;
                                    fileName: string | null;
                                    sha256: string;
                                    sizeBytes: number;
                                }[];
                                /** @enum {string} */
                                channel: "webform";
                                fields: {
                                    [key: string]: string | string[];
                                };
                                formId: string;
                                /** @default null */
                                pageUrl?: string | null;
                                /** @default null */
                                submissionKey?: string | null;
                                /** @default null */
                                userAgent?: string | null;
                            } | {
                                /** @default null */
                                accountId?: string | null;
                                agentExtension: string | null;
                                /** @default null */
                                answeredAt?: string | null;
                                /** @default null */
                                answeredBy?: string | null;
                                /** @default null */
                                businessNumber?: string | null;
                                callId: string;
                                /** @enum {string} */
                                channel: "phone";
                                /** @default null */
                                customerNumber?: string | null;
                                durationSeconds: number;
                                /** @default null */
                                endedAt?: string | null;
                                from: string;
                                /** @enum {string} */
                                outcome: "answered" | "missed" | "voicemail" | "busy" | "failed";
                                /** @default null */
                                parentCallId?: string | null;
                                /** @default null */
                                providerStatus?: string | null;
                                recordingUrl: string | null;
                                /** @enum {string} */
                                source: "twilio" | "asterisk-cdr" | "generic";
                                /** @default null */
                                startedAt?: string | null;
                                /** @default null */
                                talkSeconds?: number | null;
                                to: string;
                            } | {
                                /** @enum {string} */
                                channel: "chat";
                                chatId: string;
                                /** @default null */
                                chatTitle?: string | null;
                                /** @default null */
                                chatType?: string | null;
                                /** @default null */
                                editOf?: string | null;
                                /** @default null */
                                identityClaim?: {
                                    email: string | null;
                                    name: string | null;
                                    phone: string | null;
                                    /** @default false */
                                    verified?: boolean;
                                } | null;
                                /** @default [] */
                                media?: {
                                    fileId: string | null;
                                    fileName: string | null;
                                    kind: string;
                                    mimeType: string | null;
                                    sizeBytes: number | null;
                                    url: string | null;
                                }[];
                                messageId: string;
                                /** @default null */
                                pageUrl?: string | null;
                                /** @enum {string} */
                                platform: "widget" | "telegram";
                                /** @default null */
                                replyToMessageId?: string | null;
                                /** @default null */
                                senderName?: string | null;
                                /** @default null */
                                sharedContact?: {
                                    name: string;
                                    phone: string;
                                    userId: string | null;
                                } | null;
                                /** @default null */
                                username?: string | null;
                            } | {
                                /** @enum {string} */
                                channel: "social";
                                /** @default null */
                                editOf?: string | null;
                                /** @default [] */
                                media?: {
                                    fileId: string | null;
                                    fileName: string | null;
                                    kind: string;
                                    mimeType: string | null;
                                    sizeBytes: number | null;
                                    url: string | null;
                                }[];
                                objectId: string;
                                /** @default null */
                                pageId?: string | null;
                                parentId: string | null;
                                /** @default null */
                                permalink?: string | null;
                                /** @enum {string} */
                                platform: "facebook-feed" | "messenger" | "instagram" | "instagram-direct";
                                /** @default null */
                                postId?: string | null;
                                /** @default null */
                                senderName?: string | null;
                                /** @default null */
                                username?: string | null;
                                /** @default null */
                                verb?: ("add" | "edited" | "remove") | null;
                            } | {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                channel: "generic";
                                externalId: string;
                                system: string;
                            };
                            /** @enum {string} */
                            direction: "inbound" | "outbound";
                            html: string | null;
                            /** Format: uuid */
                            id?: string;
                            /** Format: date-time */
                            occurredAt: string;
                            source: {
                                externalId: string;
                                system: string;
                            };
                            summary: string;
                            text: string;
                            threadKey: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IntakeReceipt"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: what changed in which conversation, once the inbox shows it
         * @description Each message is `id: <position>`, `event: <type>`, `data: <JSON notification>`; `event: reset` means too much was missed to replay: reload. Resume with Last-Event-ID (or ?lastEventId=).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the id of the last event received (commit/prepare) */
                    lastEventId?: string;
                };
                header?: {
                    /** @description the id of the last event received (commit/prepare) */
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A signed-in user's own presence: the latest choice wins */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        presence: "available" | "busy" | "away";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            /** @enum {string} */
                            presence: "available" | "busy" | "away";
                            revision: number;
                            userId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Place an order: 201 created, 200 when this very order was placed before (nothing written) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OrderToPlaceInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderOutcome"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderOutcome"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order with what was returned of each line and what was refunded */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A refund (no more than was paid): 201 recorded, 200 already recorded */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        /**
                         * Format: date-time
                         * @description when it was refunded (default: now)
                         */
                        at?: string;
                        /** @description your id for this refund: sent again, it is recorded once */
                        refundId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            order: components["schemas"]["Order"];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            order: components["schemas"]["Order"];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lines returned (no more than were bought): 201 recorded, 200 already recorded */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description when it was returned (default: now)
                         */
                        at?: string;
                        lines: {
                            line: number;
                            quantity: number;
                        }[];
                        /** @description your id for this return: sent again, it is recorded once */
                        returnId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            order: components["schemas"]["Order"];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            order: components["schemas"]["Order"];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Place up to 1,000 orders; each one's outcome: created, duplicate, or refused with the reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orders: components["schemas"]["OrderToPlaceInput"][];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: components["schemas"]["OrderOutcome"][];
                            totals: {
                                created: number;
                                duplicates: number;
                                refused: number;
                            };
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import orders from CSV (up to 50 MB, streamed): one row per order line, an order's rows consecutive
         * @description Columns (header row first, any order): order_id, placed_at, currency, customer_email, customer_phone, customer_external_id, product_id, quantity, unit_amount. At least one of the customer columns. An order with any bad row is written not at all; an order id already imported with the same content is a duplicate. At most 1000 lines an order.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the CSV file */
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderImportReport"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parse-failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payloads that passed authentication but could not be parsed */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            parseFailures: components["schemas"]["ParseFailure"][];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parse-failures/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Parse one again after a parser fix and hand it to the intake */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            readonly interactionIds: string[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a dependency is down, nothing was recorded (retry-after says when) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every agent's presence (workload:read) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: {
                                /** Format: date-time */
                                changedAt: string;
                                /** @enum {string} */
                                presence: "available" | "busy" | "away";
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The product reference list by id, a page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description the last product id of the previous page (its nextCursor) */
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            products: components["schemas"]["Product"][];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Define or change up to 1,000 products at once (a whole catalogue re-sent changes nothing) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        products: {
                            /** @default null */
                            category?: string | null;
                            name: string;
                            productId: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            products: {
                                /** @description false: the product already read so; nothing was written */
                                changed: boolean;
                                productId: string;
                                revision: number;
                            }[];
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Define a product of the reference list, or change its name or category */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        category?: string | null;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: the product already read so; nothing was written */
                            changed: boolean;
                            productId: string;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replies/{id}/confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether the customer got a reply whose outcome is unknown: true records it sent, false sends it again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        delivered: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readonly attachments: {
                                filename: string;
                                id: string;
                            }[];
                            channel: string;
                            delivery: {
                                attempts: number;
                                outcomeUnknown: boolean;
                                providerCode: string | null;
                                reason: string | null;
                                retryAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "sending" | "sent" | "failed";
                            };
                            replyId: string;
                            text: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readonly attachments: {
                                filename: string;
                                id: string;
                            }[];
                            channel: string;
                            delivery: {
                                attempts: number;
                                outcomeUnknown: boolean;
                                providerCode: string | null;
                                reason: string | null;
                                retryAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "sending" | "sent" | "failed";
                            };
                            replyId: string;
                            text: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replies/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed reply again: one new attempt of the same reply */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description nothing, or {} */
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readonly attachments: {
                                filename: string;
                                id: string;
                            }[];
                            channel: string;
                            delivery: {
                                attempts: number;
                                outcomeUnknown: boolean;
                                providerCode: string | null;
                                reason: string | null;
                                retryAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "sending" | "sent" | "failed";
                            };
                            replyId: string;
                            text: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the words of customers' messages (subjects and text; Persian spellings folded), newest first
         * @description Every word of `q` must be in the message (words of 3 or more letters also find words they begin). Operator characters are not syntax: they separate words. Needs customers:read, as the timeline does.
         */
        get: {
            parameters: {
                query: {
                    channel?: "email" | "webform" | "phone" | "chat" | "social" | "generic";
                    cursor?: string;
                    customer?: string;
                    /** @description messages at or after this instant */
                    from?: string;
                    limit?: number;
                    q: string;
                    /** @description messages before this instant */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messages: components["schemas"]["MessageHit"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/service-levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Business calendars and SLA policies, and the settings’ revision */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readonly calendars: ({
                                id: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            readonly policies: ({
                                id: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            revision: number;
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/service-levels/calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save a business calendar (time zone, working week Sunday first, holidays) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        holidays?: string[];
                        revision?: number;
                        timeZone: string;
                        workingHours: {
                            end: string;
                            start: string;
                        }[][];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar?: {
                                id: string;
                            } & {
                                [key: string]: unknown;
                            };
                            changed: boolean;
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/service-levels/policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save an SLA policy (its calendar, what it applies to, its targets in business minutes) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default {
                         *       "inboxIds": [],
                         *       "priorities": []
                         *     }
                         */
                        appliesTo?: {
                            /** @default [] */
                            inboxIds?: string[];
                            /** @default [] */
                            priorities?: ("none" | "low" | "medium" | "high" | "urgent")[];
                        };
                        calendarId: string;
                        name: string;
                        revision?: number;
                        targets: {
                            firstResponse?: number;
                            nextResponse?: number;
                            resolution?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            policy?: {
                                id: string;
                            } & {
                                [key: string]: unknown;
                            };
                            revision: number;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Teams with their members and cap of open conversations per agent */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            teams: {
                                maxOpenPerAgent: number;
                                readonly members: string[];
                                name: string;
                                /** @description send it back as the revision you saw with any change */
                                revision: number;
                                teamId: string;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a team (routing:manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        maxOpenPerAgent: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revision: number;
                            teamId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}/cap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a team's cap of open conversations per agent (routing:manage) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        maxOpenPerAgent: number;
                        revision: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            revision: number;
                            teamId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an active user to a team (routing:manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        revision: number;
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            revision: number;
                            teamId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member from a team (routing:manage) */
        delete: {
            parameters: {
                query: {
                    revision: number;
                };
                header?: never;
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changed: boolean;
                            revision: number;
                            teamId: string;
                        };
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: components["schemas"]["User"][];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        /** Format: email */
                        email: string;
                        password?: string;
                        /** @enum {string} */
                        role: "agent" | "supervisor" | "analyst" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change role and/or active (seenRevision: stale 409) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @enum {string} */
                        role?: "agent" | "supervisor" | "analyst" | "admin";
                        seenRevision?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Your own password with the current one; anyone's as an admin (users:manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description INVALID_INPUT: the input is malformed; the detail names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/web-forms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web forms the hub accepts posts for (settings:manage); configured in HUB_WEBFORMS_FILE */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            forms: {
                                /** @description the public path a page posts the form to */
                                endpoint: string;
                                /** @description the posted field names the hub reads as the email, phone, name and message */
                                fields: {
                                    email?: string;
                                    message?: string;
                                    name?: string;
                                    phone?: string;
                                };
                                formId: string;
                                /** @description a field people leave empty (hidden); filled, the post is dropped */
                                honeypot: string | null;
                                /** @description where a browser goes after a post; null: a thank-you page */
                                thankYouUrl: string | null;
                            }[];
                        };
                    };
                };
                /** @description UNAUTHENTICATED: no valid credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FORBIDDEN (the role may not do this) or INVALID_SIGNATURE */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiToken: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            name: string;
            revokedAt: string | null;
            /** @enum {string} */
            role: "agent" | "supervisor" | "analyst" | "admin";
            tokenId: string;
        };
        ApiTokenInput: {
            createdAt: unknown;
            createdBy: string;
            name: string;
            revokedAt: unknown | null;
            /** @enum {string} */
            role: "agent" | "supervisor" | "analyst" | "admin";
            tokenId: string;
        };
        CaseListItem: {
            closedAt: string | null;
            conversationIds: string[];
            customerId: string;
            /** @description the customer's name (null when unknown) */
            customerName: string | null;
            id: string;
            kind: string;
            /** @description C-2026-000042 */
            number: string;
            openedAt: string;
            orderReference: string | null;
            ownerId: string | null;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            status: string;
            subject: string;
            updatedAt: string;
        };
        CaseListItemInput: {
            closedAt: string | null;
            conversationIds: string[];
            customerId: string;
            /** @description the customer's name (null when unknown) */
            customerName: string | null;
            id: string;
            kind: string;
            /** @description C-2026-000042 */
            number: string;
            openedAt: string;
            orderReference: string | null;
            ownerId: string | null;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            status: string;
            subject: string;
            updatedAt: string;
        };
        CaseSummary: {
            closedAt: string | null;
            conversationIds: string[];
            customerId: string;
            id: string;
            kind: string;
            /** @description C-2026-000042 */
            number: string;
            openedAt: string;
            orderReference: string | null;
            ownerId: string | null;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            status: string;
            subject: string;
            updatedAt: string;
        };
        CaseSummaryInput: {
            closedAt: string | null;
            conversationIds: string[];
            customerId: string;
            id: string;
            kind: string;
            /** @description C-2026-000042 */
            number: string;
            openedAt: string;
            orderReference: string | null;
            ownerId: string | null;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            status: string;
            subject: string;
            updatedAt: string;
        };
        /** @description a customer of the timeline read model, with its identifiers */
        Customer: {
            id: string;
            mergedInto?: string | null;
        };
        /** @description a customer of the timeline read model, with its identifiers */
        CustomerInput: {
            id: string;
            mergedInto?: string | null;
        };
        InboxConversation: {
            assigneeId: string | null;
            channel: string;
            csatRating: number | null;
            customerId: string;
            firstResponseAt: string | null;
            id: string;
            inboxId: string;
            labels: string[];
            lastActivityAt: string;
            messageCount: number;
            openedAt: string;
            priority: string;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            sla: {
                dueAt: string | null;
                state: string | null;
            };
            snoozedUntil: string | null;
            status: string;
            subject: string | null;
            teamId: string | null;
            waitingSince: string | null;
        };
        InboxConversationInput: {
            assigneeId: string | null;
            channel: string;
            csatRating: number | null;
            customerId: string;
            firstResponseAt: string | null;
            id: string;
            inboxId: string;
            labels: string[];
            lastActivityAt: string;
            messageCount: number;
            openedAt: string;
            priority: string;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            sla: {
                dueAt: string | null;
                state: string | null;
            };
            snoozedUntil: string | null;
            status: string;
            subject: string | null;
            teamId: string | null;
            waitingSince: string | null;
        };
        InboxListItem: {
            assigneeId: string | null;
            channel: string;
            csatRating: number | null;
            customerId: string;
            /** @description the customer's name (null when unknown or erased) */
            customerName: string | null;
            firstResponseAt: string | null;
            id: string;
            inboxId: string;
            labels: string[];
            lastActivityAt: string;
            messageCount: number;
            openedAt: string;
            /** @description the summary of the conversation's latest message */
            preview: string | null;
            priority: string;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            sla: {
                dueAt: string | null;
                state: string | null;
            };
            snoozedUntil: string | null;
            status: string;
            subject: string | null;
            teamId: string | null;
            waitingSince: string | null;
        };
        InboxListItemInput: {
            assigneeId: string | null;
            channel: string;
            csatRating: number | null;
            customerId: string;
            /** @description the customer's name (null when unknown or erased) */
            customerName: string | null;
            firstResponseAt: string | null;
            id: string;
            inboxId: string;
            labels: string[];
            lastActivityAt: string;
            messageCount: number;
            openedAt: string;
            /** @description the summary of the conversation's latest message */
            preview: string | null;
            priority: string;
            /** @description send it back as the revision you saw with any change */
            revision: number;
            sla: {
                dueAt: string | null;
                state: string | null;
            };
            snoozedUntil: string | null;
            status: string;
            subject: string | null;
            teamId: string | null;
            waitingSince: string | null;
        };
        IntakeReceipt: {
            accepted: number;
            readonly interactionIds: string[];
            /** @description sha256 of the body as received (the raw payload kept) */
            rawPayloadId?: string;
        };
        IntakeReceiptInput: {
            accepted: number;
            readonly interactionIds: string[];
            /** @description sha256 of the body as received (the raw payload kept) */
            rawPayloadId?: string;
        };
        MessageHit: {
            channel: string;
            /** @description null until the message is filed in a conversation */
            conversationId: string | null;
            /** @description the survivor when the customer was merged */
            customerId: string;
            direction: string;
            interactionId: string;
            occurredAt: string;
            /** @description HTML-escaped text around the first match; each matched word wrapped in <mark></mark> */
            snippet: string;
            subject: string;
        };
        MessageHitInput: {
            channel: string;
            /** @description null until the message is filed in a conversation */
            conversationId: string | null;
            /** @description the survivor when the customer was merged */
            customerId: string;
            direction: string;
            interactionId: string;
            occurredAt: string;
            /** @description HTML-escaped text around the first match; each matched word wrapped in <mark></mark> */
            snippet: string;
            subject: string;
        };
        Order: {
            currency: string;
            customerId: string;
            lines: {
                amount: string;
                line: number;
                productId: string;
                quantity: number;
                returned: number;
                unitAmount: string;
            }[];
            orderId: string;
            placedAt: string;
            refunded: string;
            revision: number;
            total: string;
        };
        OrderImportReport: {
            /** @description the first 1000 errors in file order */
            errors: {
                column: string | null;
                /** @description the line the record starts on */
                line: number;
                orderId: string | null;
                reason: string;
                /** @description the record number, the header being row 1 */
                row: number;
            }[];
            errorsTotal: number;
            errorsTruncated: boolean;
            orders: {
                created: number;
                duplicates: number;
                refused: number;
            };
            /** @description data rows read, the header not counted */
            rows: number;
            /** @description why the read stopped early (an unclosed quote), if it did */
            stoppedAt: string | null;
        };
        OrderImportReportInput: {
            /** @description the first 1000 errors in file order */
            errors: {
                column: string | null;
                /** @description the line the record starts on */
                line: number;
                orderId: string | null;
                reason: string;
                /** @description the record number, the header being row 1 */
                row: number;
            }[];
            errorsTotal: number;
            errorsTruncated: boolean;
            orders: {
                created: number;
                duplicates: number;
                refused: number;
            };
            /** @description data rows read, the header not counted */
            rows: number;
            /** @description why the read stopped early (an unclosed quote), if it did */
            stoppedAt: string | null;
        };
        OrderInput: {
            currency: string;
            customerId: string;
            lines: {
                amount: string;
                line: number;
                productId: string;
                quantity: number;
                returned: number;
                unitAmount: string;
            }[];
            orderId: string;
            placedAt: string;
            refunded: string;
            revision: number;
            total: string;
        };
        OrderOutcome: {
            /** @description refused: the error code of docs/errors.md */
            code?: string;
            customerId?: string;
            orderId: string;
            /** @enum {string} */
            outcome: "created" | "duplicate" | "refused";
            reason?: string;
        };
        OrderOutcomeInput: {
            /** @description refused: the error code of docs/errors.md */
            code?: string;
            customerId?: string;
            orderId: string;
            /** @enum {string} */
            outcome: "created" | "duplicate" | "refused";
            reason?: string;
        };
        OrderToPlace: {
            currency: string;
            customer: {
                email?: string;
                /** @description the shop's own customer id */
                externalId?: string;
                name?: string;
                phone?: string;
            };
            lines: {
                productId: string;
                quantity: number;
                unitAmount: string;
            }[];
            orderId: string;
            /** Format: date-time */
            placedAt: string;
        };
        OrderToPlaceInput: {
            currency: string;
            customer: {
                email?: string;
                /** @description the shop's own customer id */
                externalId?: string;
                name?: string;
                phone?: string;
            };
            lines: {
                productId: string;
                quantity: number;
                unitAmount: string;
            }[];
            orderId: string;
            /** Format: date-time */
            placedAt: string;
        };
        ParseFailure: {
            id: string;
        } & {
            [key: string]: unknown;
        };
        ParseFailureInput: {
            id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description application/problem+json (RFC 9457) with a hub error code */
        Problem: {
            /** @description a code of docs/errors.md */
            code?: string;
            /** @description WRONG_EXPECTED_REVISION: the state the change met */
            current?: unknown;
            /** @description WRONG_EXPECTED_REVISION: the revision the stream is at now */
            currentRevision?: number | null;
            detail: string;
            instance?: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        /** @description application/problem+json (RFC 9457) with a hub error code */
        ProblemInput: {
            /** @description a code of docs/errors.md */
            code?: string;
            /** @description WRONG_EXPECTED_REVISION: the state the change met */
            current?: unknown;
            /** @description WRONG_EXPECTED_REVISION: the revision the stream is at now */
            currentRevision?: number | null;
            detail: string;
            instance?: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        Product: {
            category: string | null;
            name: string;
            productId: string;
            updatedAt: string;
        };
        ProductInput: {
            category: string | null;
            name: string;
            productId: string;
            updatedAt: string;
        };
        /** @description 503 when a dependency is down or a projection is stalled */
        Readiness: {
            dependencies: {
                [key: string]: {
                    detail?: string;
                    kind: string;
                    ok: boolean;
                } & {
                    [key: string]: unknown;
                };
            };
            projections: {
                [key: string]: {
                    stalled: boolean;
                    state: string;
                } & {
                    [key: string]: unknown;
                };
            };
            /** @enum {string} */
            status: "ok" | "degraded";
        } & {
            [key: string]: unknown;
        };
        /** @description 503 when a dependency is down or a projection is stalled */
        ReadinessInput: {
            dependencies: {
                [key: string]: {
                    detail?: string;
                    kind: string;
                    ok: boolean;
                } & {
                    [key: string]: unknown;
                };
            };
            projections: {
                [key: string]: {
                    stalled: boolean;
                    state: string;
                } & {
                    [key: string]: unknown;
                };
            };
            /** @enum {string} */
            status: "ok" | "degraded";
        } & {
            [key: string]: unknown;
        };
        Replay: {
            /** @description where the new tables were swapped in */
            checkpoint: string | null;
            error: string | null;
            etaSeconds: number | null;
            /** @description events read through so far */
            events: number;
            eventsPerSecond: number;
            finishedAt: string | null;
            from: string | null;
            /** Format: uuid */
            id: string;
            projection: string;
            shards: number;
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "failed";
            total: number | null;
            updatedAt: string;
        };
        ReplayInput: {
            /** @description where the new tables were swapped in */
            checkpoint: string | null;
            error: string | null;
            etaSeconds: number | null;
            /** @description events read through so far */
            events: number;
            eventsPerSecond: number;
            finishedAt: string | null;
            from: string | null;
            /** Format: uuid */
            id: string;
            projection: string;
            shards: number;
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "failed";
            total: number | null;
            updatedAt: string;
        };
        SubjectAccessDocument: {
            cases: ({
                caseId: string;
                notes: {
                    at: string;
                    text: string;
                }[];
                number: string;
            } & {
                [key: string]: unknown;
            })[];
            conversations: ({
                conversationId: string;
                notes: {
                    at: string;
                    text: string;
                }[];
            } & {
                [key: string]: unknown;
            })[];
            csat: {
                at: string;
                comment: string | null;
                conversationId: string;
                rating: number;
            }[];
            /** @description the survivor: the customer that stands for the person */
            customerId: string;
            customers: {
                customerId: string;
                displayName: string | null;
                firstChannel: string | null;
                firstSeenAt: string | null;
                mergedInto: string | null;
            }[];
            exportedAt: string;
            identifiers: {
                kind: string;
                value: string;
            }[];
            interactions: ({
                interactionId: string;
                occurredAt: string;
                text: string;
            } & {
                [key: string]: unknown;
            })[];
            /** @constant */
            kind: "subject-access-export";
            /** @description the orders of these customers with their lines, returns and refunds (null where the hub keeps no orders) */
            orders: unknown[] | null;
            requestedFor: string;
        };
        SubjectAccessDocumentInput: {
            cases: ({
                caseId: string;
                notes: {
                    at: string;
                    text: string;
                }[];
                number: string;
            } & {
                [key: string]: unknown;
            })[];
            conversations: ({
                conversationId: string;
                notes: {
                    at: string;
                    text: string;
                }[];
            } & {
                [key: string]: unknown;
            })[];
            csat: {
                at: string;
                comment: string | null;
                conversationId: string;
                rating: number;
            }[];
            /** @description the survivor: the customer that stands for the person */
            customerId: string;
            customers: {
                customerId: string;
                displayName: string | null;
                firstChannel: string | null;
                firstSeenAt: string | null;
                mergedInto: string | null;
            }[];
            exportedAt: string;
            identifiers: {
                kind: string;
                value: string;
            }[];
            interactions: ({
                interactionId: string;
                occurredAt: string;
                text: string;
            } & {
                [key: string]: unknown;
            })[];
            /** @constant */
            kind: "subject-access-export";
            /** @description the orders of these customers with their lines, returns and refunds (null where the hub keeps no orders) */
            orders: unknown[] | null;
            requestedFor: string;
        };
        User: {
            active: boolean;
            displayName: string;
            email: string;
            /** @description send it back as seenRevision to change the user */
            revision: number;
            /** @enum {string} */
            role: "agent" | "supervisor" | "analyst" | "admin";
            userId: string;
        };
        UserInput: {
            active: boolean;
            displayName: string;
            email: string;
            /** @description send it back as seenRevision to change the user */
            revision: number;
            /** @enum {string} */
            role: "agent" | "supervisor" | "analyst" | "admin";
            userId: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
