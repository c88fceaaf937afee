import { Dialog } from './Dialog';
import { labelOf, SHORTCUTS, type Shortcut } from './shortcuts';

const GROUPS = [...new Set(SHORTCUTS.map((s) => s.group))];

/** The `?` help: the shortcut table itself, grouped. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="help">
      {GROUPS.map((group) => (
        <table className="shortcuts" key={group}>
          <caption>{group}</caption>
          <tbody>
            {SHORTCUTS.filter((s: Shortcut) => s.group === group).map((s: Shortcut) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' / '}
                      <kbd>{labelOf(k)}</kbd>
                    </span>
                  ))}
                </th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
