/**
 * The price dataset: the package, the pinned version and the date its data was published.
 * A test checks the version against the installed package, so a bump updates the date too.
 * The package can refresh its data from the network (`updatePrices`); this library never does.
 */
export const PRICE_DATASET = {
  package: "@pydantic/genai-prices",
  version: "0.1.8",
  dataDate: "2026-09-23",
} as const;
