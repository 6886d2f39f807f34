/**
 * Says when the page hook may not run on the inspected site and asks for it. Firefox lets the user withhold
 * "Access your data for all websites" (MV3 host permissions are the user's to grant); without it the hook never
 * runs and the panel would look like a page without NIM. Chrome grants it at install, so there the banner only
 * shows when the user restricted site access.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Strings } from '../i18n';

/** The extension's host permission as the panel may use it; `src/` never touches `browser.*` itself. */
export interface HostAccess {
  granted(): Promise<boolean>;
  /** Shows the browser's prompt. Call it straight from a click: browsers only prompt on a user gesture. */
  request(): Promise<boolean>;
  /** Calls `listener` when the grant changes elsewhere (the add-ons manager); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function HostAccessBanner({ s, access }: { s: Strings; access: HostAccess }) {
  const [granted, setGranted] = useState<boolean>();
  useEffect(() => {
    let live = true;
    const check = () => {
      access.granted().then(
        (answer) => live && setGranted(answer),
        () => live && setGranted(undefined),
      );
    };
    check();
    const stop = access.onChange(check);
    return () => {
      live = false;
      stop();
    };
  }, [access]);
  if (granted !== false) return null;
  const ask = () => {
    // No await before `request`: the click's user gesture must still be current when the prompt is asked for.
    access.request().then(setGranted, () => undefined);
  };
  return (
    <div class="banner banner-error" role="alert" data-testid="host-access">
      <strong>{s.hostAccess.title}</strong>
      <span>{s.hostAccess.body}</span>
      <span class="toolbar-spacer" />
      <button type="button" data-testid="grant-host-access" onClick={ask}>
        {s.hostAccess.grant}
      </button>
    </div>
  );
}
