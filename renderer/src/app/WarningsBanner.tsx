/** Store recovery warnings (a corrupt file moved aside…), shown once, dismissible. */
export function WarningsBanner({ warnings, onDismiss }: { warnings: string[]; onDismiss: () => void }) {
  if (warnings.length === 0) return null;
  return (
    <div className="banner" role="alert" aria-label="Library recovery">
      <div>
        <strong>Gloss recovered your library.</strong>
        <ul>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
