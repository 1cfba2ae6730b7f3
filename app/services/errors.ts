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

/**
 * The closed set of failures every adapter and service speaks, by what the caller should do:
 * - UnavailableError: the remote did not answer, or answered that it cannot now (network, timeout, 429, 5xx).
 *   Try again later; Ponte's watches notice when it is back.
 * - RefusedError: the remote said no and means it (a validation, a state it will not leave). Final; its message,
 *   and its code when it gives one, say why.
 * - ContractViolationError: the remote answered something Ponte cannot read. Final until one side changes.
 * - InvalidInputError: what a merchant or a caller gave is wrong, naming the field.
 * - CancelledError: the merchant cancelled the work; not a failure.
 */
export class UnavailableError extends RetryableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnavailableError";
  }
}

/**
 * The remote has a limit that lets the work go on only later (Shopify's daily limit on new variants): not a
 * failure. A run that meets it waits, and starts again by itself at `resumeAt`.
 */
export class WaitUntilError extends UnavailableError {
  constructor(
    message: string,
    readonly resumeAt: Date,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WaitUntilError";
  }
}

export class RefusedError extends PermanentError {
  constructor(
    message: string,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RefusedError";
  }
}

export class ContractViolationError extends PermanentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ContractViolationError";
  }
}

export class InvalidInputError extends PermanentError {
  constructor(
    message: string,
    readonly field: string = "form",
  ) {
    super(message);
    this.name = "InvalidInputError";
  }
}

export class CancelledError extends Error {
  constructor(message = "cancelled by the merchant") {
    super(message);
    this.name = "CancelledError";
  }
}
