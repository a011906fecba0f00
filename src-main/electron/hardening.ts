// Guards from Electron's security checklist that apply to every webContents the app ever creates,
// not only the main window: no navigation away from our renderer, no new windows, no <webview>,
// and no web permission granted to any page. The console needs none of these.
import type { App, Session, WebContents } from 'electron';

type UrlCheck = (url: string) => boolean;

/** Refuses every permission request and check (camera, notifications, clipboard, HID, USB…). */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Keeps one webContents on our renderer: foreign navigations and redirects are cancelled. */
export function guardWebContents(contents: WebContents, isTrustedUrl: UrlCheck): void {
  const stayOnRenderer = (event: { url: string; preventDefault(): void }): void => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnRenderer);
  contents.on('will-redirect', stayOnRenderer);
  // The page has no links out; nothing opens a window or the system browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Guards every webContents as it is created; call before the first window opens. */
export function guardEveryWebContents(app: Pick<App, 'on'>, isTrustedUrl: UrlCheck): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isTrustedUrl));
}
