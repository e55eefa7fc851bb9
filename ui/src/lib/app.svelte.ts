// App-wide state: who is logged in, which year every screen follows, and how many times the
// data changed under the screens (another user's save on the host): screens that read
// `dataVersion` in their loading effect reload then.

import type { Session } from './types';

export const app = $state<{ session: Session | null; year: number; dataVersion: number }>({
  session: null,
  year: 0,
  dataVersion: 0,
});

export function startSession(session: Session) {
  app.session = session;
  const current = session.commune.current_year;
  app.year = session.years.includes(current) ? current : (session.years[0] ?? current);
}

export function endSession() {
  app.session = null;
  app.year = 0;
}
