/**
 * Read once per request: `now` so every part of an answer describes the same moment, `version`
 * (the `anthropic-version` header) because it decides which request params are accepted.
 */
export type AnthropicEnv = { Variables: { now: number; version: string } };
