import type { ImportRowError } from '../../api/catalog-api';

/** What the last import said: refused with row errors, or saved with some rows skipped. */
export interface ImportReport {
  fileName: string;
  /** The file's text, kept to import its valid rows without picking it again. */
  text: string;
  failed: boolean;
  message: string;
  errors: ImportRowError[];
  created?: number;
  updated?: number;
}

interface ImportReportPanelProps {
  report: ImportReport;
  busy: boolean;
  onImportValid: () => void;
  onDismiss: () => void;
}

/** The per-row problems of an import, by row and column of the person's file, so they can fix it. */
export function ImportReportPanel({ report, busy, onImportValid, onDismiss }: ImportReportPanelProps) {
  return (
    <section className={`import-report${report.failed ? ' is-failed' : ''}`} role="alert" data-testid="import-report">
      <div className="import-report-head">
        <div>
          <strong>
            {report.failed
              ? `${report.fileName} was not imported`
              : `${report.fileName} was imported: ${report.created ?? 0} added, ${report.updated ?? 0} updated`}
          </strong>
          <p>{report.failed && report.errors.length ? `${report.message}. Fix these rows and import the file again.` : report.message}</p>
        </div>
        <div className="import-report-actions">
          {report.failed && report.errors.length ? (
            <button type="button" className="button button-small" disabled={busy} onClick={onImportValid}>
              Import the other rows
            </button>
          ) : null}
          <button type="button" className="button button-small button-ghost" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </div>
      {report.errors.length ? (
        <table className="import-errors">
          <thead>
            <tr>
              <th>Row</th>
              <th>Column</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.slice(0, 200).map((error, index) => (
              // Rows may repeat (several problems in one row), so the index keeps keys unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
              <tr key={index}>
                <td className="numeric">{error.row}</td>
                <td>
                  <code>{error.column || '—'}</code>
                </td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.errors.length > 200 ? <p className="muted">…and {report.errors.length - 200} more.</p> : null}
    </section>
  );
}
