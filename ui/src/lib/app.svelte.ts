// App-wide state: who is logged in, which year every screen follows, and how many times the
// data changed under the screens (another user's save on the host): screens that read
// `dataVersion` in their loading effect reload then. `restarts` counts the times the app went
// back to its start screen without a reload (after a restore, everyone logs in again).

import type { Session } from './types';

export const app = $state<{ session: Session | null; year: number; dataVersion: number; restarts: number }>({
  session: null,
  year: 0,
  dataVersion: 0,
  restarts: 0,
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

/** Back to the start screen, logged out: the data under the app was replaced (a restore). */
export function restart() {
  endSession();
  app.restarts += 1;
}
