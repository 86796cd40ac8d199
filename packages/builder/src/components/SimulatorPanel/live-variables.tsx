/** The conversation's variables as they change. */
export function LiveVariables({ vars }: { vars: Readonly<Record<string, unknown>> }) {
  const names = Object.keys(vars).sort();
  return (
    <details className="live-variables" open data-testid="live-variables">
      <summary>Variables ({names.length})</summary>
      {names.length === 0 ? (
        <p className="muted">None set yet.</p>
      ) : (
        <dl>
          {names.map((name) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{typeof vars[name] === 'string' ? String(vars[name]) : JSON.stringify(vars[name])}</dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}
