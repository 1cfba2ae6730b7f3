/** Environment variables as a plain map, so callers and tests can pass their own. */
export type Environment = Readonly<Record<string, string | undefined>>;
