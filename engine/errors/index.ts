export { ExsyncError } from './exsync-error.ts';
export { InputError } from './input-error.ts';
export { NotFoundError } from './not-found-error.ts';
export { StaleVersionError } from './stale-version-error.ts';
export { ConflictError } from './conflict-error.ts';
