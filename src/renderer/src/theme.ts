import { useEffect } from 'react';
import { useSetting } from './db/settings';
import { useDeskStore, type DeskStore } from './store';
import type { EffectiveTheme } from './store/ui-slice';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Follows the OS colour scheme and the user's choice; sets data-theme on <html>. */
export function useThemeSync(): EffectiveTheme {
  const preference = useSetting('theme') ?? 'system';
  const systemTheme = useDeskStore((state: DeskStore) => state.systemTheme);
  const setSystemTheme = useDeskStore((state: DeskStore) => state.setSystemTheme);

  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const update = () => setSystemTheme(query.matches ? 'dark' : 'light');
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [setSystemTheme]);

  const effective = preference === 'system' ? systemTheme : preference;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
    document.documentElement.style.colorScheme = effective;
  }, [effective]);
  return effective;
}
