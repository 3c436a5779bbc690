import { z } from 'zod';

/** Who is making a change: the admin's sign-in name (UPN or e-mail, as Teams or `--as` gives it). */
export const actorSchema = z
  .string({ message: 'who is making this change? Pass --as <admin> or set EXSYNC_ADMIN' })
  .max(200)
  .transform((s) => s.trim())
  // eslint-disable-next-line no-control-regex
  .refine((s) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s), {
    message: 'who is making this change? Pass --as <admin> or set EXSYNC_ADMIN',
  });
