import { StructuredBatchError } from "./structured-batch-error.js";

/** An optional peer dependency (a provider SDK) is not installed. */
export class MissingDependencyError extends StructuredBatchError {
  override name = "MissingDependencyError";
  readonly packageName: string;

  constructor(packageName: string, usedFor: string, options?: { cause?: unknown }) {
    super(
      "missing_dependency",
      `${usedFor} needs the package "${packageName}": install it with \`npm install ${packageName}\`, or pass a configured { client }.`,
      options,
    );
    this.packageName = packageName;
  }
}
