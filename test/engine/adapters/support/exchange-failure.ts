import { expect } from 'vitest';
import { ExchangeError } from '../../../../engine/adapters/exchange/exchange-errors.ts';

/** Rejections of the port are ExchangeErrors; this returns the one a promise rejected with. */
export async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return error as ExchangeError;
}
