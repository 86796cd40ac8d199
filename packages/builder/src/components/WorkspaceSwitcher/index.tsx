import { useEffect, useState } from 'react';
import { sessionUser } from '../../api/session-user';
import { type WorkspacePlace, workspacesApi } from '../../api/workspaces-api';
import { useApi } from '../../hooks/use-api';
import { toasts } from '../../notifications/toasts';
import './style.css';

/**
 * Which business the session works on, for users who belong to more than one; nothing for the
 * others. Switching reloads the builder, so every screen shows the other workspace's data.
 */
export function WorkspaceSwitcher() {
  const { client } = useApi();
  const [places, setPlaces] = useState<WorkspacePlace[]>([]);
  const [switching, setSwitching] = useState(false);
  useEffect(() => {
    let current = true;
    workspacesApi(client)
      .mine()
      .then(
        (found) => current && setPlaces(found),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [client]);
  if (places.length < 2) return null;

  const choose = async (id: string) => {
    const place = places.find((p) => p.id === id);
    setSwitching(true);
    try {
      await workspacesApi(client).switchTo(id);
      const stored = sessionUser.of(client.token);
      // The role there decides the screens; the builder starts over on the new workspace.
      if (stored && place) sessionUser.set(client.token, { ...stored, role: place.role });
      window.location.hash = '#/';
      window.location.reload();
    } catch (error) {
      setSwitching(false);
      toasts.show('error', `Could not switch: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <label className="workspace-switcher">
      <span className="muted">Workspace</span>
      <select
        aria-label="Workspace"
        value={places.find((p) => p.current)?.id}
        disabled={switching}
        onChange={(event) => void choose(event.target.value)}
      >
        {places.map((place) => (
          <option key={place.id} value={place.id}>
            {place.name} ({place.role})
          </option>
        ))}
      </select>
    </label>
  );
}
