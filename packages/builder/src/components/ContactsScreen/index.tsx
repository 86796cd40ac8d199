import { useState } from 'react';
import { ContactImportPanel } from './contact-import-panel';
import { SegmentsPanel } from './segments-panel';
import './style.css';

/** Contacts in bulk: a CSV import, and segments (who a broadcast reaches) with their live audience size. */
export function ContactsScreen() {
  // Bumped by each import, so the audience is counted again over the new contacts.
  const [imports, setImports] = useState(0);
  return (
    <main className="business-main contacts">
      <div className="business-head">
        <div>
          <h1>Contacts</h1>
          <p className="muted">
            Import your customers from a spreadsheet, then group them into segments by tag, attribute, last contact and opt-in.
          </p>
        </div>
      </div>
      <ContactImportPanel onImported={() => setImports((n) => n + 1)} />
      <SegmentsPanel imports={imports} />
    </main>
  );
}
