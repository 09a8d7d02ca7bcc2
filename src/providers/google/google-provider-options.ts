import type { ProviderClientOptions } from "../types.js";

/** The Gemini API's host; `GOOGLE_GEMINI_BASE_URL` or `baseURL` replace it (without version). */
export const GEMINI_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

/** Batch mode lives in v1beta (the 3.x SDK defaults to v1). */
export const GEMINI_API_VERSION = "v1beta";

/** Options of `createGoogleProvider` beyond the common ones. */
export interface GoogleProviderOptions extends ProviderClientOptions {
  /**
   * API version in the URL (default `v1beta`, where batch mode lives).
   * @example { apiVersion: "v1beta" }
   */
  apiVersion?: string;
  /**
   * Estimated request size up to which a batch is sent inline (default 19,000,000 bytes, under
   * Gemini's 20 MB inline cap); above it the JSONL is uploaded through the Files API.
   * @example { inlineMaxBytes: 0 } // always upload a file
   */
  inlineMaxBytes?: number;
}
