/**
 * Where the library reports what it does. Silent unless one is given; `console` works as is.
 *
 * @example new BatchProcessor("openai/gpt-4o-mini", User, { logger: console })
 */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {};
