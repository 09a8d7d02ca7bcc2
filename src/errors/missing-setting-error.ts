import { StructuredBatchError } from "./structured-batch-error.js";

/**
 * A provider setting the service cannot be reached without (Azure's endpoint) is neither given
 * nor in the environment. Names the option and the variable.
 */
export class MissingSettingError extends StructuredBatchError {
  override name = "MissingSettingError";
  readonly provider: string;
  readonly setting: string;

  constructor(provider: string, setting: string, envVar: string, example: string) {
    super(
      "missing_setting",
      `No ${setting} for ${provider}: set ${envVar} or pass ${example} to BatchProcessor.`,
    );
    this.provider = provider;
    this.setting = setting;
  }
}
