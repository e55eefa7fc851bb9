// App-wide state: who is logged in and which year every screen follows.

import type { Session } from './types';

export const app = $state<{ session: Session | null; year: number }>({ session: null, year: 0 });

export function startSession(session: Session) {
  app.session = session;
  const current = session.commune.current_year;
  app.year = session.years.includes(current) ? current : (session.years[0] ?? current);
}

export function endSession() {
  app.session = null;
  app.year = 0;
}
