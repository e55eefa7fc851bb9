// Which screen is open, and what it was asked to show first: a screen's empty state or a first
// step opens another screen (the import with its kind chosen, the settings on a tab).

import type { ScreenId } from './nav';
import type { ImportKind } from './types';

export type SettingsTab =
  | 'commune'
  | 'years'
  | 'officers'
  | 'areas'
  | 'accounts'
  | 'audit'
  | 'network'
  | 'backup'
  | 'check'
  | 'diagnostics'
  | 'password';

export const nav = $state<{ screen: ScreenId; importKind: ImportKind | null; settingsTab: SettingsTab | null }>({
  screen: 'overview',
  importKind: null,
  settingsTab: null,
});

export function navigate(screen: ScreenId, options: { importKind?: ImportKind; settingsTab?: SettingsTab } = {}): void {
  nav.importKind = options.importKind ?? null;
  nav.settingsTab = options.settingsTab ?? null;
  nav.screen = screen;
}
