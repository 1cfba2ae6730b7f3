/**
 * How a failure should be treated: a RetryableError may succeed later (a
 * network error, a 5xx, a lock held elsewhere), a PermanentError will not
 * (bad data, a refused request) and needs a person.
 */
export class RetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryableError";
  }
}

export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentError";
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableError;
}
