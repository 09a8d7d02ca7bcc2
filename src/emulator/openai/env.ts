/** `now` is read once per request so every part of an answer describes the same moment. */
export type OpenAIEnv = { Variables: { now: number } };
