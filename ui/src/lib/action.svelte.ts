// One user action at a time: a second click while it runs does nothing, and a failure
// becomes the Vietnamese message to show.

import { errorMessage } from './api';

export class Action {
  busy = $state(false);
  error = $state('');
  /** The failure's kind ("stale": someone else saved the record meanwhile). */
  kind = $state('');

  /** Runs `fn` unless already running; returns its result, or undefined if it failed. */
  async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = '';
    this.kind = '';
    try {
      return await fn();
    } catch (e) {
      this.error = errorMessage(e);
      this.kind = e && typeof e === 'object' && 'kind' in e ? String((e as { kind: unknown }).kind) : '';
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
