import { useState } from 'react';
import { useBusinessApi } from '../../hooks/use-business-api';
import { type ImportReport, ImportReportPanel } from '../CatalogScreen/import-report';

const SAMPLE = 'phone,name,tags,opt_in,tier\n+15550100001,Ann Lee,vip;newsletter,yes,gold';

/** Pastes or uploads a CSV of contacts and shows what was created, updated and which rows were skipped. */
export function ContactImportPanel({ onImported }: { onImported: () => void }) {
  const { contacts } = useBusinessApi();
  const [csv, setCsv] = useState('');
  const [source, setSource] = useState('Pasted CSV');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport>();

  const run = async () => {
    setBusy(true);
    try {
      const result = await contacts.importCsv(csv);
      const skipped = new Set(result.errors.map((e) => e.row)).size;
      const message = skipped ? `${skipped} row${skipped === 1 ? ' was' : 's were'} skipped:` : 'Every row was imported.';
      setReport({ fileName: source, text: csv, failed: false, message, ...result });
      onImported();
    } catch (error) {
      setReport({ fileName: source, text: csv, failed: true, message: error instanceof Error ? error.message : String(error), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="contacts-panel" aria-label="Import contacts">
      <h2>Import contacts</h2>
      <p className="muted">
        Columns <code>phone</code> (international form), <code>name</code>, <code>tags</code> (separated by ; or |), <code>opt_in</code>{' '}
        (yes/no); any other column becomes an attribute. A known number is updated, not added twice.
      </p>
      <label className="contacts-field">
        CSV
        <textarea
          rows={6}
          value={csv}
          placeholder={SAMPLE}
          onChange={(event) => {
            setCsv(event.target.value);
            setSource('Pasted CSV');
          }}
        />
      </label>
      <div className="contacts-actions">
        <label className="button button-ghost">
          Upload a CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file)
                void file.text().then((text) => {
                  setCsv(text);
                  setSource(file.name);
                });
            }}
          />
        </label>
        <button type="button" className="button button-primary" disabled={busy || !csv.trim()} onClick={() => void run()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {report ? (
        <ImportReportPanel report={report} busy={busy} onImportValid={() => void run()} onDismiss={() => setReport(undefined)} />
      ) : null}
    </section>
  );
}
