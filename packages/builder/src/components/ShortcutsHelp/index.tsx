import { displayKeys, gestures, shortcuts } from '../../editor/shortcuts';
import './style.css';

/** Every keyboard shortcut and mouse gesture of the editor (opened with `?`). */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-layer">
      <button type="button" className="modal-backdrop" aria-label="Close the shortcuts" onClick={onClose} />
      <div className="modal shortcuts" role="dialog" aria-label="Keyboard shortcuts">
        <header className="modal-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="shortcuts-columns">
          <table>
            <tbody>
              {shortcuts.map((shortcut) => (
                <tr key={shortcut.action}>
                  <td className="shortcut-keys">
                    {shortcut.keys.map((keys) => (
                      <kbd key={keys}>{displayKeys(keys)}</kbd>
                    ))}
                  </td>
                  <td>{shortcut.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <tbody>
              {gestures.map((gesture) => (
                <tr key={gesture.gesture}>
                  <td className="shortcut-keys">
                    <kbd>{displayKeys(gesture.gesture)}</kbd>
                  </td>
                  <td>{gesture.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
