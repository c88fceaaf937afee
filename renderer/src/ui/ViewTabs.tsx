/** The bar over the library's views: Library, Notebook, Tags (Ctrl/Cmd+1, 2, 3). */
import { useStore } from '../store';
import { showView, VIEWS, viewStore, type View } from './views';
import { MOD } from '../app/shortcuts';

export function ViewTabs({ onView }: { onView?: (view: View) => void }) {
  const current = useStore(viewStore, (s) => s.view);
  return (
    <nav className="view-tabs" aria-label="Views">
      {(Object.keys(VIEWS) as View[]).map((v, i) => (
        <button
          key={v}
          type="button"
          className="view-tab"
          aria-current={current === v ? 'page' : undefined}
          title={`${VIEWS[v]} (${MOD}+${i + 1})`}
          onClick={() => {
            showView(v);
            onView?.(v);
          }}
        >
          {VIEWS[v]}
        </button>
      ))}
    </nav>
  );
}
