/** The text of row `i` in the jobs tests: the emulator's default answer reads name, age, e-mail. */
export const rowText = (i: number) =>
  `Person ${i}: Ada Lovelace${i} is ${20 + (i % 60)} years old, ada${i}@example.com`;
