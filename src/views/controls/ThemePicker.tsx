import { memo } from 'react';
import { THEMES, type Theme } from '../../store/explorerSlice';
import { useApp } from '../../store/store';
import './controls.css';

const NAMES: Record<Theme, string> = { auto: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark, or whatever the reader's system prefers; kept in the URL like every choice. */
export const ThemePicker = memo(function ThemePicker() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <label className="theme-picker">
      Theme{' '}
      <select
        value={theme}
        onChange={(e) => setTheme(e.target.value as Theme)}
        data-testid="theme-picker"
      >
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {NAMES[t]}
          </option>
        ))}
      </select>
    </label>
  );
});
