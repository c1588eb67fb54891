import { drizzle } from 'drizzle-orm/d1';
import type { Env } from '../env';
import { schema } from './schema';

export function getDb(env: Env) {
  return drizzle(env.DB, { schema });
}
export type Db = ReturnType<typeof getDb>;
