import { useEffect, useState } from 'preact/hooks';
import { ownerApi } from '../../lib/api';
import type { Session } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';

export type OwnerApi = ReturnType<typeof ownerApi>;

/** The owner's API client for the current Worker URL and token. */
export function useOwnerApi(session: Session): OwnerApi | null {
  const [api, setApi] = useState<OwnerApi | null>(null);
  useEffect(() => {
    void workerUrlItem.getValue().then((url) => setApi(ownerApi(url, session.token)));
  }, [session.token]);
  return api;
}
