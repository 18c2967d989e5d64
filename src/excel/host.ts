/**
 * The task pane's contact with Office itself: waiting for Office.js to load,
 * and following Office's light or dark theme.
 */
import type { ThemeKind, ThemeSource } from "../domain/ports";

/** Resolves with whether the page runs inside Excel. */
export async function whenOfficeReady(): Promise<boolean> {
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel;
}

/** Dark when the pane's background is dark: Office's dark and black themes. */
export function themeOf(background: string | undefined): ThemeKind {
  const hex = /^#?([0-9a-f]{6})$/i.exec(background ?? "")?.[1];
  if (!hex) return "light";
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  // Relative luminance (ITU-R BT.709), 0 to 255.
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
}

export function officeThemeSource(): ThemeSource {
  return {
    current: () => themeOf(Office.context.officeTheme?.bodyBackgroundColor),
    subscribe: (onChange) => {
      // Office raises OfficeThemeChanged only in some hosts; where it is not supported the
      // registration fails and the pane keeps the theme it opened with.
      Office.context.document.addHandlerAsync(Office.EventType.OfficeThemeChanged, (event: { officeTheme?: Office.OfficeTheme }) =>
        onChange(themeOf(event.officeTheme?.bodyBackgroundColor)),
      );
    },
  };
}

