import { bodyLimit } from 'hono/body-limit';
import { MAX_BODY_BYTES } from '../../../shared/constants';
import { errorBody } from '../errors';

/** Bodies above MAX_BODY_BYTES get a 413 JSON error before they are parsed. */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => c.json(errorBody('payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`), 413),
});
