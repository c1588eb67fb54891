import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from '../../lib/i18n';
import { type Session, sessionItem } from '../../lib/session';
import { JoinForm } from './JoinForm';
import { LanguageSetting } from './LanguageSetting';
import { Membership } from './Membership';
import { MyScore } from './MyScore';
import { OnDeviceSetting } from './OnDeviceSetting';
import { OwnerConsole } from './OwnerConsole';
import { WorkerUrlForm } from './WorkerUrlForm';

export function OptionsApp() {
  useLocale();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    void sessionItem.getValue().then(setSession);
    return sessionItem.watch(setSession);
  }, []);

  return (
    <main>
      <h1>{t('app.name')}</h1>
      <WorkerUrlForm />
      {session === undefined ? null : session && !session.revokedAt ? (
        <>
          <Membership session={session} />
          <MyScore session={session} />
          <OnDeviceSetting />
          {session.role === 'owner' && <OwnerConsole session={session} />}
        </>
      ) : (
        <>
          {session && <Membership session={session} />}
          <JoinForm />
        </>
      )}
      <LanguageSetting />
    </main>
  );
}
