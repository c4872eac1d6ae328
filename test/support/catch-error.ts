/** The error `work` throws, with its fields readable (the test fails if it throws none). */
export function catchError(work: () => unknown): Error & Record<string, unknown> {
  try {
    work();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected an error');
}
