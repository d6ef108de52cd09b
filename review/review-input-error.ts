/**
 * Bad input to the plan review: a missing file, JSON that is not what it claims to be, an unknown
 * stack. The message names what was wrong and what is allowed; the command exits 1 with it.
 */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewInputError";
  }
}
