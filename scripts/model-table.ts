// Prints the model catalog as the README's markdown table (see src/models/model-table.ts).
import { modelTableMarkdown } from "../src/models/model-table.js";

console.log(modelTableMarkdown());
