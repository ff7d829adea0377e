/** An error answer of the emulated Projects API, in the service's OpenAI-style JSON. */
export class EmulatedApiError extends Error {
  constructor(public readonly status: number, public readonly type: string, message: string) {
    super(message);
  }

  public toBody(): string {
    return JSON.stringify({ error: { type: this.type, message: this.message } });
  }
}

export function validationError(message: string): EmulatedApiError {
  return new EmulatedApiError(400, 'validation_error', message);
}

export function notFoundError(message: string): EmulatedApiError {
  return new EmulatedApiError(404, 'not_found_error', message);
}
